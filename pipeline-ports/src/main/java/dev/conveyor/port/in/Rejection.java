package dev.conveyor.port.in;

import java.util.Objects;

/**
 * Why a command was refused, as a value: adapters map {@link Reason} to their own codes (REST:
 * 404, 422, 400, 409) and show {@code message} to the user.
 */
public record Rejection(Reason reason, String message) {

    public enum Reason {
        /** No such job for this tenant (another tenant's job is reported the same way). */
        JOB_NOT_FOUND,
        /** No pipeline of that name is registered. */
        UNKNOWN_PIPELINE,
        /** The command's data is wrong: missing input, unknown step, undecided review items. */
        INVALID,
        /** The job is already being processed: one run at a time. */
        ALREADY_PROCESSING,
        /** The job is not in a state that allows this command (retry a job that did not fail, …). */
        WRONG_STATE,
        /** The idempotency key names an earlier submit of a different request (pipeline, input, options, start). */
        IDEMPOTENCY_CONFLICT
    }

    public Rejection {
        Objects.requireNonNull(reason, "reason must not be null");
        Objects.requireNonNull(message, "message must not be null");
    }
}
