package dev.conveyor.adapter.rest.resource;

import dev.conveyor.adapter.rest.auth.Caller;
import dev.conveyor.adapter.rest.error.ApiErrors;
import dev.conveyor.model.JobId;
import jakarta.ws.rs.core.SecurityContext;

import java.util.UUID;

/** What every resource method reads from a request: the caller, and the job id of the path. */
final class Requests {

    private Requests() {
    }

    static Caller caller(SecurityContext security) {
        if (security != null && security.getUserPrincipal() instanceof Caller caller) {
            return caller;
        }
        throw ApiErrors.unauthenticated("This API needs a token: send the header Authorization: Bearer <token>.");
    }

    /** A job id of the path; a text that is no UUID names no job, so it is a 404 like any unknown job. */
    static JobId jobId(String text) {
        if (text == null || text.length() != 36) {
            throw ApiErrors.jobNotFound();
        }
        try {
            return new JobId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw ApiErrors.jobNotFound();
        }
    }
}
