package dev.conveyor.adapter.rest.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * What a token may do: {@code read} jobs; {@code write}: also create, process, retry, resume and cancel them;
 * {@code admin}: what a writer may, and also see the internal details of the audit trail (an exception's text,
 * the worker), which {@code read} and {@code write} tokens never see.
 */
public enum Role {
    READ, WRITE, ADMIN;

    public boolean mayWrite() {
        return this != READ;
    }

    /** Whether the audit trail shows this role the internal details of its events. */
    public boolean seesInternals() {
        return this == ADMIN;
    }

    static Optional<Role> parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "read" -> Optional.of(READ);
            case "write" -> Optional.of(WRITE);
            case "admin" -> Optional.of(ADMIN);
            default -> Optional.empty();
        };
    }
}
