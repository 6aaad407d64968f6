package dev.conveyor.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of a job's audit events, oldest first; {@code nextCursor} is present when more remain. */
public record AuditPage(List<AuditEvent> events, Optional<String> nextCursor) {

    public AuditPage {
        Objects.requireNonNull(nextCursor, "nextCursor must not be null");
        events = List.copyOf(events);
    }
}
