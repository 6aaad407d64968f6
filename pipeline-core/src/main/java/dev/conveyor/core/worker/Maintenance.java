package dev.conveyor.core.worker;

import dev.conveyor.core.run.LearnedTimings;
import dev.conveyor.core.run.ProgressFlusher;
import dev.conveyor.core.run.StallWatch;
import dev.conveyor.port.out.EngineEvents;
import dev.conveyor.port.out.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The periodic duties of an engine: flush coalesced progress, tell of stalled steps, renew leases, put jobs of dead workers back
 * in the queue, save learned timings, remove finished jobs past their time to live. Each can also be called
 * directly, which is how tests drive them without waiting.
 */
public final class Maintenance {

    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

    private final JobStore store;
    private final ProgressFlusher flusher;
    private final StallWatch stalls;
    private final LeaseKeeper leases;
    private final LearnedTimings timings;
    private final Clock clock;
    private final Duration ttl;
    private final EngineEvents events;

    public Maintenance(JobStore store, ProgressFlusher flusher, StallWatch stalls, LeaseKeeper leases,
                       LearnedTimings timings, Clock clock, Duration ttl, EngineEvents events) {
        this.store = store;
        this.flusher = flusher;
        this.stalls = stalls;
        this.leases = leases;
        this.timings = timings;
        this.clock = clock;
        this.ttl = ttl;
        this.events = events;
    }

    public int flushProgress() {
        return flusher.flush();
    }

    /** @return how many running steps were newly found stalled (each is told once) */
    public int watchStalls() {
        return stalls.watch();
    }

    public void renewLeases() {
        leases.renew();
    }

    /** @return how many jobs whose worker's lease had expired went back to the queue */
    public int requeueExpired() {
        int requeued = store.requeueExpired(clock.instant());
        if (requeued > 0) {
            events.leasesExpired(requeued);
        }
        return requeued;
    }

    public void saveTimings() {
        timings.flush();
    }

    /** @return how many finished jobs older than the TTL were removed */
    public int cleanUp() {
        return store.deleteFinishedBefore(clock.instant().minus(ttl));
    }

    /** Schedules every duty on {@code scheduler} at the given intervals. */
    public void schedule(ScheduledExecutorService scheduler, Duration progressInterval, Duration leaseLength,
                         Duration cleanupInterval) {
        every(scheduler, progressInterval, "progress flush", this::flushProgress);
        every(scheduler, Duration.ofSeconds(1), "stall watch", this::watchStalls);
        every(scheduler, leaseLength.dividedBy(3), "lease renewal", this::renewLeases);
        every(scheduler, leaseLength.dividedBy(2), "expired lease recovery", this::requeueExpired);
        every(scheduler, Duration.ofSeconds(5), "timing save", this::saveTimings);
        every(scheduler, cleanupInterval, "TTL cleanup", this::cleanUp);
    }

    private static void every(ScheduledExecutorService scheduler, Duration interval, String what, Runnable duty) {
        long millis = Math.max(1, interval.toMillis());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                duty.run();
            } catch (RuntimeException e) {
                LOG.warn("{} failed; trying again in {} ms", what, millis, e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }
}
