package dev.conveyor.model;

import java.time.Instant;
import java.util.Objects;

/** A worker's claim on a running job, valid until {@code expiresAt} unless renewed. */
public record Lease(WorkerId owner, Instant expiresAt) {

    public Lease {
        Objects.requireNonNull(owner, "lease owner must not be null");
        Objects.requireNonNull(expiresAt, "lease expiry must not be null");
    }

    public boolean isExpiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }

    public boolean isHeldBy(WorkerId worker) {
        return owner.equals(worker);
    }
}
