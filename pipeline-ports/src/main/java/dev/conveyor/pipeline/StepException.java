package dev.conveyor.pipeline;

import dev.conveyor.model.UserError;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A step failure that says what it is: {@link Category#TRANSIENT} (worth retrying, maybe after a hinted
 * delay) or {@link Category#PERMANENT} (bad input, missing template: stop and report). Its
 * {@link #userError()} is what the user sees; the exception's own message and cause go to the audit log.
 */
public final class StepException extends RuntimeException {

    /** How a failure is handled. */
    public enum Category { TRANSIENT, PERMANENT }

    private static final long serialVersionUID = 1L;

    private final Category category;
    private final transient UserError userError;
    private final transient Duration retryAfter;

    private StepException(Category category, UserError userError, Duration retryAfter, String detail,
                          Throwable cause) {
        super(detail, cause);
        this.category = Objects.requireNonNull(category);
        this.userError = Objects.requireNonNull(userError, "userError must not be null");
        this.retryAfter = retryAfter;
    }

    /** A failure worth retrying: a timeout, a dropped connection, a rate limit. */
    public static StepException transientFailure(String userMessage, Throwable cause) {
        return new StepException(Category.TRANSIENT, UserError.of("temporarily_unavailable", userMessage), null,
                userMessage, cause);
    }

    /** A failure worth retrying, not before {@code retryAfter} (e.g. an HTTP Retry-After header). */
    public static StepException transientFailure(String userMessage, Duration retryAfter, Throwable cause) {
        return new StepException(Category.TRANSIENT, UserError.of("temporarily_unavailable", userMessage),
                Objects.requireNonNull(retryAfter, "retryAfter must not be null"), userMessage, cause);
    }

    /** A failure no retry will fix; {@code code} is stable (e.g. {@code invalid_file}). */
    public static StepException permanent(String code, String userMessage) {
        return new StepException(Category.PERMANENT, UserError.of(code, userMessage), null, userMessage, null);
    }

    public static StepException permanent(String code, String userMessage, Throwable cause) {
        return new StepException(Category.PERMANENT, UserError.of(code, userMessage), null, userMessage, cause);
    }

    /**
     * A failed call to an HTTP service: 408, 425, 429, 500, 502, 503 and 504 are transient (with the
     * server's Retry-After, if any), other statuses permanent.
     */
    public static StepException httpStatus(int status, Optional<Duration> retryAfter, String service) {
        String detail = service + " answered HTTP " + status;
        return switch (status) {
            case 429 -> new StepException(Category.TRANSIENT, UserError.of("rate_limited",
                    service + " is busy right now; we will try again shortly."), retryAfter.orElse(null), detail,
                    null);
            case 408, 425, 500, 502, 503, 504 -> new StepException(Category.TRANSIENT,
                    UserError.of("temporarily_unavailable",
                            service + " is temporarily unavailable; we will try again shortly."),
                    retryAfter.orElse(null), detail, null);
            default -> new StepException(Category.PERMANENT, UserError.of("upstream_rejected",
                    service + " rejected the request (HTTP " + status + ")."), null, detail, null);
        };
    }

    public Category category() {
        return category;
    }

    public UserError userError() {
        return userError;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
