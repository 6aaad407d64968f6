package dev.conveyor.adapter.rest.http;

import dev.conveyor.adapter.rest.error.ApiErrors;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Refuses a body announced larger than 1 MiB with 413 before anything reads it; a body sent without a length
 * is cut off at the same size by the JSON reader.
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public final class BodySizeLimit implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > ApiErrors.MAX_BODY_BYTES) {
            throw ApiErrors.bodyTooLarge();
        }
    }
}
