package dev.conveyor.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A page request for a tenant's jobs, newest first, optionally filtered by status and pipeline.
 *
 * @param cursor where the previous page ended, as {@link JobPage#nextCursor()} gave it
 */
public record JobQuery(Optional<JobStatus> status, Optional<String> pipeline, int limit, Optional<String> cursor) {

    public static final int MAX_LIMIT = 500;

    public JobQuery {
        Objects.requireNonNull(status, "status must not be null (use Optional.empty())");
        Objects.requireNonNull(pipeline, "pipeline must not be null (use Optional.empty())");
        Objects.requireNonNull(cursor, "cursor must not be null (use Optional.empty())");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }

    public static JobQuery firstPage(int limit) {
        return new JobQuery(Optional.empty(), Optional.empty(), limit, Optional.empty());
    }

    public JobQuery withStatus(JobStatus value) {
        return new JobQuery(Optional.of(value), pipeline, limit, cursor);
    }

    public JobQuery withPipeline(String value) {
        return new JobQuery(status, Optional.of(value), limit, cursor);
    }

    public JobQuery after(String nextCursor) {
        return new JobQuery(status, pipeline, limit, Optional.of(nextCursor));
    }
}
