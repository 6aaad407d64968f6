package dev.conveyor.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A client's name for one submission, so that sending it again (a retry after a timeout) returns the job the first
 * send created instead of creating a second one. Unique per tenant among the jobs the store holds: a key is free
 * again once its job is removed (finished jobs past their TTL). 1 to {@value #MAX_LENGTH} printable ASCII
 * characters (space to tilde), not blank.
 */
public record IdempotencyKey(String value) {

    public static final int MAX_LENGTH = 255;

    public IdempotencyKey {
        Objects.requireNonNull(value, "idempotency key must not be null");
        Optional<String> problem = problem(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
    }

    public static IdempotencyKey of(String value) {
        return new IdempotencyKey(value);
    }

    /** What is wrong with {@code value} as a key, in words a client can act on; empty when it is a valid key. */
    public static Optional<String> problem(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of("idempotency key must not be empty or blank");
        }
        if (value.length() > MAX_LENGTH) {
            return Optional.of("idempotency key must be at most " + MAX_LENGTH + " characters, got " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return Optional.of("idempotency key must hold printable ASCII characters only (space to '~'); "
                        + "character " + (i + 1) + " is U+" + String.format("%04X", (int) c));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
