package dev.conveyor.adapter.rest.error;

import dev.conveyor.adapter.rest.json.Envelope;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.glassfish.grizzly.http.server.ErrorPageGenerator;
import org.glassfish.grizzly.http.server.Request;

/**
 * The body of the errors the HTTP server answers by itself, before the API sees the request (a malformed
 * request line, headers too large): the same envelope as every other error, never an HTML page.
 */
public final class JsonErrorPages implements ErrorPageGenerator {

    private final ObjectWriter writer;

    public JsonErrorPages(ObjectWriter writer) {
        this.writer = writer;
    }

    @Override
    public String generate(Request request, int status, String reasonPhrase, String description, Throwable failure) {
        request.getResponse().setContentType("application/json");
        ErrorStatus error = ErrorStatus.of(status);
        try {
            return writer.writeValueAsString(Envelope.failure(error.code(), error.message()));
        } catch (JsonProcessingException e) {
            return "{\"data\":null,\"error\":{\"code\":\"" + error.code() + "\",\"message\":\"HTTP " + status + "\"}}";
        }
    }
}
