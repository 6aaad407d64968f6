package dev.conveyor.adapter.rest.resource;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web dashboard, served from the jar with no token (its page asks for one and sends it to the API):
 * {@code GET /} is the page, {@code GET /assets/{file}} its scripts, styles and icon. Every file carries an ETag
 * and {@code no-cache}, so a browser always revalidates and an unchanged file costs a 304; a file that is not
 * there is the API's JSON 404, like any unknown route.
 */
@Path("/")
public final class DashboardResource {

    static final String CACHE_CONTROL = "no-cache";
    /** Only the service itself: no CDN, no inline script, no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private final Map<String, StaticFile> files = new ConcurrentHashMap<>();

    /**
     * The page, whose assets and API calls are relative to it: mounted under a path ({@code /conveyor}), the page
     * answers at {@code /conveyor/}, and {@code /conveyor} redirects there.
     */
    @GET
    public Response page(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @Context UriInfo uri) {
        URI here = uri.getAbsolutePath();
        if (!here.getPath().endsWith("/")) {
            return Response.status(Response.Status.PERMANENT_REDIRECT)
                    .location(URI.create(here.getRawPath() + "/")).build();
        }
        return serve("index.html", ifNoneMatch).header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Referrer-Policy", "no-referrer").build();
    }

    @GET
    @Path("assets/{file: [a-z0-9][a-z0-9-]*\\.(js|css|svg)}")
    public Response asset(@PathParam("file") String file, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return serve(file, ifNoneMatch).build();
    }

    private Response.ResponseBuilder serve(String name, String ifNoneMatch) {
        StaticFile file = files.get(name);
        if (file == null) {
            // Only files found are kept: names asked for in vain cost a lookup, never memory.
            file = StaticFile.load(name).orElseThrow(NotFoundException::new);
            files.putIfAbsent(name, file);
        }
        Response.ResponseBuilder response = Etags.matches(ifNoneMatch, file.etag()) ? Response.notModified()
                : Response.ok(file.body(), file.mediaType());
        return response.header(HttpHeaders.ETAG, file.etag()).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .header("X-Content-Type-Options", "nosniff");
    }
}
