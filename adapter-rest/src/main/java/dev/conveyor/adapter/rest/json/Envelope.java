package dev.conveyor.adapter.rest.json;

import java.util.Objects;

/**
 * Every response body of the API: {@code {"data": …, "error": null}} on success,
 * {@code {"data": null, "error": {"code": …, "message": …}}} on failure.
 */
public record Envelope(Object data, Failure error) {

    public static Envelope of(Object data) {
        return new Envelope(Objects.requireNonNull(data, "data must not be null"), null);
    }

    public static Envelope failure(String code, String message) {
        return new Envelope(null, new Failure(code, message));
    }

    /** The error part: a stable machine-readable code and a message a person can act on. */
    public record Failure(String code, String message) {
        public Failure {
            Objects.requireNonNull(code, "code must not be null");
            Objects.requireNonNull(message, "message must not be null");
        }
    }
}
