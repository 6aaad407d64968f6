package dev.conveyor.port.in;

import dev.conveyor.model.Job;

import java.util.Objects;

/**
 * What a submit left: the job, and whether this call created it or an earlier submit with the same idempotency key
 * did ({@code replayed}; the REST API answers 200 instead of 201).
 */
public record Submitted(Job job, boolean replayed) {

    public Submitted {
        Objects.requireNonNull(job, "job must not be null");
    }
}
