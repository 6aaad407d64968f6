package dev.conveyor.adapter.rest.auth;

import java.util.Locale;
import java.util.Optional;

/** What a token may do: {@code read} jobs, or also {@code write} (create, process, retry, resume, cancel). */
public enum Role {
    READ, WRITE;

    public boolean mayWrite() {
        return this == WRITE;
    }

    static Optional<Role> parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "read" -> Optional.of(READ);
            case "write" -> Optional.of(WRITE);
            default -> Optional.empty();
        };
    }
}
