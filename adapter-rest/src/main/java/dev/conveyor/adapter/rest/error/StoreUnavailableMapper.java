package dev.conveyor.adapter.rest.error;

import dev.conveyor.port.out.StoreUnavailableException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The job store is unavailable: 503 {@code store_unavailable} with {@code Retry-After}, never a 500. Not logged
 * per request: during an outage every call answers this, and the store itself says once that it is down.
 */
@Provider
public final class StoreUnavailableMapper implements ExceptionMapper<StoreUnavailableException> {

    private final ApiExceptionMapper refusals = new ApiExceptionMapper();

    @Override
    public Response toResponse(StoreUnavailableException e) {
        return refusals.toResponse(ApiErrors.storeUnavailable(e.retryAfter()));
    }
}
