package dev.conveyor.adapter.cli.engine;

import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.out.AuditHook;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a command asks of the engine it starts.
 *
 * @param workers       threads running jobs in this process; 0 for commands that only read and queue
 * @param leaseLength   how long a claimed job stays this process's without renewal (after a crash, a re-run
 *                      resumes its jobs once this has passed)
 * @param shutdownGrace how long running steps may go on after a stop before they are told to stop
 * @param metrics       where the engine serves its meters while it runs; nowhere when empty
 * @param ttl           how long finished jobs are kept, when the command was told; else {@code CONVEYOR_TTL} or
 *                      the engine's default
 * @param writes        told of each write the engine's store commits for this process; nobody when empty
 */
public record EngineSpec(StoreChoice store, List<PipelineDefinition> pipelines, int workers, Duration leaseLength,
                         Duration shutdownGrace, List<AuditHook> audit, Optional<MetricsPort> metrics,
                         Optional<Duration> ttl, Optional<WriteWatch> writes) {

    public EngineSpec {
        Objects.requireNonNull(store, "store must not be null");
        Objects.requireNonNull(metrics, "metrics must not be null");
        Objects.requireNonNull(leaseLength, "leaseLength must not be null");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace must not be null");
        Objects.requireNonNull(ttl, "ttl must not be null");
        Objects.requireNonNull(writes, "writes must not be null");
        pipelines = List.copyOf(pipelines);
        audit = List.copyOf(audit);
        if (workers < 0) {
            throw new IllegalArgumentException("workers must not be negative, got " + workers);
        }
    }

    /** An engine whose writes nobody watches. */
    public EngineSpec(StoreChoice store, List<PipelineDefinition> pipelines, int workers, Duration leaseLength,
                      Duration shutdownGrace, List<AuditHook> audit, Optional<MetricsPort> metrics,
                      Optional<Duration> ttl) {
        this(store, pipelines, workers, leaseLength, shutdownGrace, audit, metrics, ttl, Optional.empty());
    }

    /** An engine that serves no meters and leaves the TTL to {@code CONVEYOR_TTL} or the engine's default. */
    public EngineSpec(StoreChoice store, List<PipelineDefinition> pipelines, int workers, Duration leaseLength,
                      Duration shutdownGrace, List<AuditHook> audit) {
        this(store, pipelines, workers, leaseLength, shutdownGrace, audit, Optional.empty(), Optional.empty());
    }

    /** An engine that runs nothing itself: for reading jobs and queueing commands. */
    public static EngineSpec readOnly(StoreChoice store, List<PipelineDefinition> pipelines) {
        return new EngineSpec(store, pipelines, 0, Duration.ofSeconds(30), Duration.ofSeconds(1), List.of());
    }
}
