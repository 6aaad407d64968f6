package dev.conveyor.model;

import java.util.Objects;

/**
 * The idempotency key a job was submitted under and the fingerprint of the request that created it: a later
 * submit with the same key gets this job back when its fingerprint is the same, and is refused when it differs.
 *
 * @param fingerprint the request's canonical fingerprint (see {@code SubmitJob#fingerprint()})
 */
public record Idempotency(IdempotencyKey key, String fingerprint) {

    public Idempotency {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(fingerprint, "fingerprint must not be null");
        if (fingerprint.isBlank()) {
            throw new IllegalArgumentException("fingerprint must not be blank");
        }
    }
}
