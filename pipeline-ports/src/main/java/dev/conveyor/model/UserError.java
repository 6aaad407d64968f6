package dev.conveyor.model;

import java.util.Objects;

/**
 * An error as a user sees it: a stable machine-readable code and a message they can act on. Never an
 * exception's text: internal detail goes to the audit hook only.
 */
public record UserError(String code, String message) {

    public UserError {
        Objects.requireNonNull(code, "error code must not be null");
        Objects.requireNonNull(message, "error message must not be null");
        if (!code.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("error code must be snake_case, got '" + code + "'");
        }
    }

    public static UserError of(String code, String message) {
        return new UserError(code, message);
    }
}
