package dev.conveyor.port.out;

import java.time.Duration;
import java.util.Objects;

/**
 * The job store cannot be reached now (its database is down, unreachable or refusing connections), so the call
 * did nothing the caller does not know of, or its outcome is unknown and the store made retrying it safe. It is
 * worth trying again after {@link #retryAfter()}: callers answer "try again shortly" (the REST service's 503)
 * and workers back off, instead of treating it as a bug.
 */
public class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * @param retryAfter how long the store expects to stay unavailable at least: when it will try the database
     *                   again; zero when it cannot say
     */
    public StoreUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(Objects.requireNonNull(message, "message must not be null"), cause);
        Objects.requireNonNull(retryAfter, "retryAfter must not be null");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative, got " + retryAfter);
        }
        this.retryAfter = retryAfter;
    }

    /** How long to wait before trying again: zero when the store cannot say. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
