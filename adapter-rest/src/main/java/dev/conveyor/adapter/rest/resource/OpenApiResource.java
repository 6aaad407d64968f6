package dev.conveyor.adapter.rest.resource;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/v1/openapi.json}: the API's OpenAPI 3.1 document, served as it is in the jar (the resource
 * {@code dev/conveyor/adapter/rest/openapi.json}),
 * with no token, an ETag and {@code no-cache}. The end-to-end suite checks every request and answer against it.
 */
@Path("/api/v1/openapi.json")
public final class OpenApiResource {

    static final String FILE = "/dev/conveyor/adapter/rest/openapi.json";

    private final byte[] document = read();
    private final String etag = Etags.of(document);

    @GET
    public Response document(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Response.ResponseBuilder response = Etags.matches(ifNoneMatch, etag) ? Response.notModified()
                : Response.ok(document, MediaType.APPLICATION_JSON_TYPE);
        return response.header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    private static byte[] read() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks the API's document " + FILE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API's document " + FILE, e);
        }
    }
}
