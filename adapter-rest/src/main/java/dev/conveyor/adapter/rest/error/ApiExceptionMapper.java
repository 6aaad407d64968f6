package dev.conveyor.adapter.rest.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers a refused request with its status, code and message in the envelope. */
@Provider
public final class ApiExceptionMapper implements ExceptionMapper<ApiException> {

    @Override
    public Response toResponse(ApiException e) {
        Response.ResponseBuilder response = ErrorResponses.of(e.status(), e.code(), e.getMessage());
        e.headers().forEach(response::header);
        return response.build();
    }
}
