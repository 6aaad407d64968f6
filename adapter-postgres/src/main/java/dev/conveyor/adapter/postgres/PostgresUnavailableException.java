package dev.conveyor.adapter.postgres;

import dev.conveyor.port.out.StoreUnavailableException;

import java.time.Duration;

/**
 * PostgreSQL could not be reached, kept failing transiently after the retries, or stopped answering within the
 * statement timeout; or, while the circuit breaker is open, the call was not even tried. Nothing was changed
 * that the caller does not know of (or the write it carried is safe to send again: see {@link Retrying}), and
 * the call may be tried again once the database is back.
 */
public final class PostgresUnavailableException extends StoreUnavailableException {

    private static final long serialVersionUID = 1L;

    private final boolean outage;

    PostgresUnavailableException(String message, Throwable cause) {
        this(message, true, cause);
    }

    PostgresUnavailableException(String message, boolean outage, Throwable cause) {
        this(message, outage, Duration.ZERO, cause);
    }

    PostgresUnavailableException(String message, boolean outage, Duration retryAfter, Throwable cause) {
        super(message, retryAfter, cause);
        this.outage = outage;
    }

    /**
     * Whether the database itself failed (down, unreachable, not answering), as opposed to every connection of
     * the pool being busy with calls that do succeed: only an outage opens the circuit breaker.
     */
    boolean outage() {
        return outage;
    }
}
