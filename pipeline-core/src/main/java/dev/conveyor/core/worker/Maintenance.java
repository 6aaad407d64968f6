package dev.conveyor.core.worker;

import dev.conveyor.core.run.LearnedTimings;
import dev.conveyor.core.run.ProgressFlusher;
import dev.conveyor.core.run.StallWatch;
import dev.conveyor.port.out.EngineEvents;
import dev.conveyor.port.out.JobStore;
import dev.conveyor.port.out.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The periodic duties of an engine: flush coalesced progress, tell of stalled steps, renew leases, put jobs of dead
 * workers back in the queue, save learned timings, remove jobs past their time to live. Each can also be called
 * directly, which is how tests drive them without waiting.
 *
 * <p>Lease renewal runs on a thread of its own, so no other duty can delay it past the lease and have running
 * jobs taken over and run twice; cleanup removes at most {@link #CLEANUP_BATCH} jobs per tick, and while a
 * backlog remains its next tick comes after {@link #BACKLOG_PAUSE} rather than the full interval.
 */
public final class Maintenance {

    /** The most jobs one cleanup tick removes. */
    public static final int CLEANUP_BATCH = 1_000;
    /** The pause between cleanup ticks while a backlog remains, leaving the thread to the other duties. */
    public static final Duration BACKLOG_PAUSE = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

    private final JobStore store;
    private final ProgressFlusher flusher;
    private final StallWatch stalls;
    private final LeaseKeeper leases;
    private final LearnedTimings timings;
    private final Clock clock;
    private final Duration ttl;
    private final Duration idleTtl;
    private final EngineEvents events;

    /**
     * @param ttl     how long finished jobs are kept
     * @param idleTtl how long jobs created but never started, or awaiting review, are kept after their last change
     */
    public Maintenance(JobStore store, ProgressFlusher flusher, StallWatch stalls, LeaseKeeper leases,
                       LearnedTimings timings, Clock clock, Duration ttl, Duration idleTtl, EngineEvents events) {
        this.store = store;
        this.flusher = flusher;
        this.stalls = stalls;
        this.leases = leases;
        this.timings = timings;
        this.clock = clock;
        this.ttl = ttl;
        this.idleTtl = idleTtl;
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

    /** @return how many jobs of lost workers went back to the queue (each loss counted on its job) */
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

    /**
     * The last progress flush and timing save, as the engine closes: a store that cannot take them (down, or
     * refusing) is logged, not thrown, so that closing always ends and closes everything else. The progress is
     * written again by whichever worker runs the job next; the timings are learned again from the next runs.
     */
    public void flushOnClose() {
        lastly("progress flush", this::flushProgress);
        lastly("timing save", this::saveTimings);
    }

    private static void lastly(String what, Runnable duty) {
        try {
            duty.run();
        } catch (StoreUnavailableException e) {
            LOG.warn("the last {} on close was skipped: the job store is unavailable ({})", what, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("the last {} on close failed", what, e);
        }
    }

    /** One bounded cleanup tick. @return how many jobs past their TTL were removed, at most {@link #CLEANUP_BATCH} */
    public int cleanUp() {
        Instant now = clock.instant();
        return store.deleteExpired(now.minus(ttl), now.minus(idleTtl), CLEANUP_BATCH);
    }

    /** Cleanup ticks until nothing past its TTL is left. @return how many jobs were removed */
    public int cleanUpAll() {
        int total = 0;
        int removed;
        do {
            removed = cleanUp();
            total += removed;
        } while (removed >= CLEANUP_BATCH);
        return total;
    }

    /**
     * Schedules every duty at the given intervals: lease renewal alone on {@code renewals}, the others on
     * {@code scheduler}.
     */
    public void schedule(ScheduledExecutorService scheduler, ScheduledExecutorService renewals,
                         Duration progressInterval, Duration leaseLength, Duration cleanupInterval) {
        every(renewals, leaseLength.dividedBy(3), "lease renewal", this::renewLeases);
        every(scheduler, progressInterval, "progress flush", this::flushProgress);
        every(scheduler, Duration.ofSeconds(1), "stall watch", this::watchStalls);
        every(scheduler, leaseLength.dividedBy(2), "expired lease recovery", this::requeueExpired);
        every(scheduler, Duration.ofSeconds(5), "timing save", this::saveTimings);
        scheduleCleanup(scheduler, cleanupInterval, cleanupInterval);
    }

    private void scheduleCleanup(ScheduledExecutorService scheduler, Duration delay, Duration interval) {
        try {
            scheduler.schedule(() -> {
                Duration next = interval;
                try {
                    if (cleanUp() >= CLEANUP_BATCH) {
                        next = BACKLOG_PAUSE.compareTo(interval) < 0 ? BACKLOG_PAUSE : interval;
                    }
                } catch (RuntimeException e) {
                    LOG.warn("TTL cleanup failed; trying again in {} ms", interval.toMillis(), e);
                }
                scheduleCleanup(scheduler, next, interval);
            }, Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the engine is closing: no next tick
        }
    }

    private static void every(ScheduledExecutorService scheduler, Duration interval, String what, Runnable duty) {
        long millis = Math.max(1, interval.toMillis());
        AtomicBoolean unavailable = new AtomicBoolean();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                duty.run();
                if (unavailable.getAndSet(false)) {
                    LOG.info("{} runs again: the job store answers", what);
                }
            } catch (StoreUnavailableException e) {
                // once per outage, not a stack trace every tick: the store says when it is back
                if (!unavailable.getAndSet(true)) {
                    LOG.warn("{} paused: the job store is unavailable ({}); it runs again once the store answers",
                            what, e.getMessage());
                }
            } catch (RuntimeException e) {
                LOG.warn("{} failed; trying again in {} ms", what, millis, e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }
}
