package dev.conveyor.adapter.rest.error;

import dev.conveyor.port.out.StoreUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * The last resort: a failure nobody foresaw is logged in full under an incident id, and the caller gets a 500
 * with that id and nothing else, so no stack trace, class name or SQL ever leaves the server.
 */
@Provider
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    private final ApiExceptionMapper refusals = new ApiExceptionMapper();
    private final WebApplicationExceptionMapper framework = new WebApplicationExceptionMapper();

    @Override
    public Response toResponse(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiException refused) {
                return refusals.toResponse(refused);
            }
            if (t instanceof WebApplicationException web) {
                return framework.toResponse(web);
            }
            if (t instanceof StoreUnavailableException unavailable) {
                return refusals.toResponse(ApiErrors.storeUnavailable(unavailable.retryAfter()));
            }
        }
        String incident = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("incident {}: request failed unexpectedly", incident, failure);
        ErrorStatus error = ErrorStatus.of(500);
        return ErrorResponses.of(500, error.code(), "Something went wrong on our side (incident " + incident
                + "). Try again; if it keeps happening, contact support with the incident id.").build();
    }
}
