package dev.conveyor.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A page request for one job's audit events, oldest first.
 *
 * @param cursor where the previous page ended, as {@link AuditPage#nextCursor()} gave it
 */
public record AuditQuery(int limit, Optional<String> cursor) {

    public static final int MAX_LIMIT = 500;

    public AuditQuery {
        Objects.requireNonNull(cursor, "cursor must not be null (use Optional.empty())");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }

    public static AuditQuery firstPage(int limit) {
        return new AuditQuery(limit, Optional.empty());
    }

    public AuditQuery after(String nextCursor) {
        return new AuditQuery(limit, Optional.of(nextCursor));
    }
}
