package dev.conveyor.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of jobs; {@code nextCursor} is present when more remain. */
public record JobPage(List<Job> jobs, Optional<String> nextCursor) {

    public JobPage {
        Objects.requireNonNull(nextCursor, "nextCursor must not be null");
        jobs = List.copyOf(jobs);
    }
}
