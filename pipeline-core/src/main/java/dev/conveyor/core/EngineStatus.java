package dev.conveyor.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a health probe shows of a running engine: its worker threads, configured and alive, the jobs they run now,
 * and how long the job that has waited longest for a worker has waited, across all tenants.
 *
 * @param workers        worker threads the engine was built with (0 when jobs run only through {@code drain})
 * @param workersAlive   those still running their claim loop; fewer than {@code workers} means some died
 * @param busy           jobs the workers run at this moment
 * @param oldestQueuedAt when the longest-waiting job was queued; empty when nothing waits
 * @param at             when this was read, on the engine's clock
 */
public record EngineStatus(int workers, int workersAlive, int busy, Optional<Instant> oldestQueuedAt, Instant at) {

    public EngineStatus {
        Objects.requireNonNull(oldestQueuedAt, "oldestQueuedAt must not be null");
        Objects.requireNonNull(at, "at must not be null");
        if (workers < 0 || workersAlive < 0 || busy < 0) {
            throw new IllegalArgumentException("worker counts must not be negative, got workers " + workers
                    + ", alive " + workersAlive + ", busy " + busy);
        }
    }

    /**
     * How long the longest-waiting job has waited at {@link #at()}; zero, not negative, when another process's
     * clock queued it a little ahead of this one.
     *
     * @return the wait, or empty when nothing waits
     */
    public Optional<Duration> oldestQueuedAge() {
        return oldestQueuedAt.map(queued -> queued.isAfter(at) ? Duration.ZERO : Duration.between(queued, at));
    }
}
