package dev.conveyor.core.store;

import dev.conveyor.model.JobId;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;

/**
 * A job's position in one of the in-memory store's sorted indexes: an instant, then the job id as a tie-break.
 * Ids compare as unsigned 128-bit numbers, the order PostgreSQL gives {@code uuid} columns.
 */
record IndexKey(Instant at, JobId id) implements Comparable<IndexKey> {

    private static final Comparator<IndexKey> ORDER = Comparator.comparing(IndexKey::at)
            .thenComparing(key -> key.id().value(), IndexKey::compareUnsigned);

    IndexKey {
        Objects.requireNonNull(at, "at must not be null");
        Objects.requireNonNull(id, "id must not be null");
    }

    @Override
    public int compareTo(IndexKey other) {
        return ORDER.compare(this, other);
    }

    private static int compareUnsigned(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
