package dev.conveyor.adapter.rest.error;

import java.util.Map;
import java.util.Objects;

/**
 * A request the API refuses, with the HTTP status, a stable code and a message the caller can act on. The
 * message is written for the caller: never an exception's text, a class name or anything internal.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Map<String, String> headers;

    public ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ApiException(int status, String code, String message, Map<String, String> headers) {
        super(Objects.requireNonNull(message, "message must not be null"), null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an error status, got " + status);
        }
        this.status = status;
        this.code = Objects.requireNonNull(code, "code must not be null");
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Headers the error response carries, such as {@code WWW-Authenticate} on a 401. */
    public Map<String, String> headers() {
        return headers;
    }
}
