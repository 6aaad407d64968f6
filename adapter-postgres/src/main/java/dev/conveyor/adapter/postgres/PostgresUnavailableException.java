package dev.conveyor.adapter.postgres;

/**
 * PostgreSQL could not be reached, or kept failing transiently after the retries: nothing was changed that
 * the caller does not know of, and the call may be tried again once the database is back.
 */
public final class PostgresUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PostgresUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
