package dev.conveyor.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * One event of a job's audit trail as the API shows it.
 *
 * @param step     the step it concerns, or null for the job as a whole
 * @param message  what happened, in words a user can act on
 * @param details  the event's facts a user may see (attempt, duration, code, …)
 * @param internal the facts only an admin token sees (an exception's text, the worker); absent for other roles
 */
public record AuditEventDto(String type, String at, String step, String message, Map<String, Object> details,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> internal) {

    /** One page of a job's events, oldest first; pass {@code next_cursor} as {@code cursor} for the next one. */
    public record Page(List<AuditEventDto> events, String nextCursor) {
    }
}
