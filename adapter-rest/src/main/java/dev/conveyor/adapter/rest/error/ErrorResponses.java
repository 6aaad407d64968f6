package dev.conveyor.adapter.rest.error;

import dev.conveyor.adapter.rest.json.Envelope;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Error responses in the envelope, built one way for every mapper. */
final class ErrorResponses {

    private ErrorResponses() {
    }

    static Response.ResponseBuilder of(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .entity(Envelope.failure(code, message));
    }
}
