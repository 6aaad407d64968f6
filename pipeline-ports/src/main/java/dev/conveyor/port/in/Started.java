package dev.conveyor.port.in;

import dev.conveyor.model.Job;

import java.util.Objects;
import java.util.Optional;

/** A job accepted for processing, with how long the whole run is expected to take, if that can be said. */
public record Started(Job job, Optional<Long> estimatedDurationSeconds) {

    public Started {
        Objects.requireNonNull(job, "job must not be null");
        Objects.requireNonNull(estimatedDurationSeconds, "estimatedDurationSeconds must not be null");
    }
}
