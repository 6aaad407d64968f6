package dev.conveyor.adapter.rest.error;

import dev.conveyor.port.in.Outcome;
import dev.conveyor.port.in.Rejection;

/** Maps the ports' refusals to HTTP: the reason gives the status and code, the port's message is shown as is. */
public final class Refusals {

    private Refusals() {
    }

    public static ApiException of(Rejection rejection) {
        return switch (rejection.reason()) {
            case JOB_NOT_FOUND -> ApiErrors.jobNotFound();
            case UNKNOWN_PIPELINE -> new ApiException(422, "unknown_pipeline", rejection.message());
            case INVALID -> new ApiException(400, "invalid_request", rejection.message());
            case ALREADY_PROCESSING -> new ApiException(409, "already_processing", rejection.message());
            case WRONG_STATE -> new ApiException(409, "wrong_state", rejection.message());
            case IDEMPOTENCY_CONFLICT -> new ApiException(409, "idempotency_conflict", rejection.message());
        };
    }

    /** The accepted value, or the refusal as an {@link ApiException}. */
    public static <T> T accepted(Outcome<T> outcome) {
        return switch (outcome) {
            case Outcome.Accepted<T> accepted -> accepted.value();
            case Outcome.Rejected<T> rejected -> throw of(rejected.rejection());
        };
    }
}
