package dev.conveyor.adapter.metrics;

import dev.conveyor.model.EtaAccuracy;
import dev.conveyor.port.out.EngineEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's and the store's events as Micrometer meters. Tags are the pipeline, the step, the error code and
 * the hook kind: bounded sets, never job ids or tenants. Meters are looked up once per tag set and kept.
 */
final class ConveyorMeters implements EngineEvents {

    /** Step durations from a blink to a long batch step; Prometheus histogram buckets, in seconds. */
    static final Duration[] STEP_BUCKETS = durations(10, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000,
            60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000);
    /** Commit latencies of a local or nearby PostgreSQL. */
    static final Duration[] COMMIT_BUCKETS = durations(1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000);
    /** Rows per commit: group commits carry up to 256. */
    static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256};
    /** Absolute percentage errors of the remaining time shown. */
    static final double[] ETA_BUCKETS = {5, 10, 20, 30, 50, 75, 100, 200, 500};
    static final List<String> HOOK_KINDS = List.of("audit", "notification");

    private final MeterRegistry registry;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final Map<List<String>, Timer> stepTimers = new ConcurrentHashMap<>();
    private final Map<List<String>, AtomicLong> running = new ConcurrentHashMap<>();
    private final Map<List<String>, DistributionSummary> etaErrors = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> hookQueues = new ConcurrentHashMap<>();
    private final Counter progressWrites;
    private final Counter leasesExpired;
    /** Registered at the first commit a store reports: an in-memory store has none to show. */
    private volatile StoreMeters store;

    ConveyorMeters(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry must not be null");
        this.progressWrites = Counter.builder("conveyor.progress.writes")
                .description("Coalesced progress writes sent to the job store").register(registry);
        this.leasesExpired = Counter.builder("conveyor.leases.expired")
                .description("Running jobs put back in the queue because their worker's lease expired")
                .register(registry);
        HOOK_KINDS.forEach(kind -> {
            hookQueue(kind);
            hookDrops(kind);
        });
    }

    @Override
    public void jobSubmitted(String pipeline) {
        counter("conveyor.jobs.submitted", "Jobs stored, queued or created to start later", "pipeline", pipeline)
                .increment();
    }

    @Override
    public void jobCompleted(String pipeline) {
        counter("conveyor.jobs.completed", "Jobs that completed", "pipeline", pipeline).increment();
    }

    @Override
    public void jobFailed(String pipeline, String step, String errorCode) {
        counter("conveyor.jobs.failed", "Jobs that failed, by the step and error code they failed with",
                "pipeline", pipeline, "step", step, "code", errorCode).increment();
    }

    @Override
    public void jobCancelled(String pipeline) {
        counter("conveyor.jobs.cancelled", "Jobs that were cancelled", "pipeline", pipeline).increment();
    }

    @Override
    public void stepStarted(String pipeline, String step) {
        running(pipeline, step).incrementAndGet();
    }

    @Override
    public void stepEnded(String pipeline, String step, StepOutcome outcome, long nanos) {
        running(pipeline, step).decrementAndGet();
        String result = outcome.name().toLowerCase(Locale.ROOT);
        stepTimers.computeIfAbsent(List.of(pipeline, step, result), key -> Timer.builder("conveyor.step.duration")
                .description("Wall time of a step's run, its retries included, by how it ended")
                .tags("pipeline", pipeline, "step", step, "outcome", result)
                .serviceLevelObjectives(STEP_BUCKETS).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void stepRetried(String pipeline, String step, String errorCode) {
        counter("conveyor.step.retries", "Step attempts that failed transiently and were tried again",
                "pipeline", pipeline, "step", step, "code", errorCode).increment();
    }

    @Override
    public void leaseLost(String pipeline) {
        counter("conveyor.worker.losses", "Jobs this worker stopped running because its lease on them was lost",
                "pipeline", pipeline).increment();
    }

    @Override
    public void leasesExpired(int jobs) {
        leasesExpired.increment(jobs);
    }

    @Override
    public void progressWritten(int writes) {
        progressWrites.increment(writes);
    }

    @Override
    public void hookQueued(String kind) {
        hookQueue(kind).incrementAndGet();
    }

    @Override
    public void hookStarted(String kind) {
        hookQueue(kind).decrementAndGet();
    }

    @Override
    public void hookDropped(String kind) {
        hookDrops(kind).increment();
    }

    @Override
    public void etaJudged(String pipeline, List<Double> errorsPercent) {
        for (int i = 0; i < errorsPercent.size() && i < EtaAccuracy.CHECKPOINTS.size(); i++) {
            String checkpoint = String.valueOf(EtaAccuracy.CHECKPOINTS.get(i));
            etaErrors.computeIfAbsent(List.of(pipeline, checkpoint), key -> DistributionSummary
                    .builder("conveyor.eta.error")
                    .description("Absolute percentage error of the remaining time a completed job showed at a "
                            + "checkpoint of its run (25, 50, 75 % of its actual duration)")
                    .baseUnit("percent").tags("pipeline", pipeline, "checkpoint", checkpoint)
                    .serviceLevelObjectives(ETA_BUCKETS).register(registry)).record(errorsPercent.get(i));
        }
    }

    @Override
    public void storeCommitted(int writes, long nanos) {
        StoreMeters meters = store;
        if (meters == null) {
            meters = storeMeters();
        }
        meters.writes().record(writes);
        meters.latency().record(nanos, TimeUnit.NANOSECONDS);
    }

    private synchronized StoreMeters storeMeters() {
        if (store == null) {
            store = new StoreMeters(DistributionSummary.builder("conveyor.store.commit.writes")
                    .description("Row writes carried by one store transaction (group commit batch size)")
                    .serviceLevelObjectives(BATCH_BUCKETS).register(registry),
                    Timer.builder("conveyor.store.commit.latency")
                            .description("Time to send and commit one store transaction")
                            .serviceLevelObjectives(COMMIT_BUCKETS).register(registry));
        }
        return store;
    }

    private record StoreMeters(DistributionSummary writes, Timer latency) {
    }

    private Counter counter(String name, String description, String... tags) {
        List<String> key = new java.util.ArrayList<>(tags.length + 1);
        key.add(name);
        key.addAll(List.of(tags));
        return counters.computeIfAbsent(key, k -> Counter.builder(name).description(description).tags(tags)
                .register(registry));
    }

    private AtomicLong running(String pipeline, String step) {
        return running.computeIfAbsent(List.of(pipeline, step), key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("conveyor.steps.running", value, AtomicLong::get)
                    .description("Steps running now in this process").tags("pipeline", pipeline, "step", step)
                    .strongReference(true).register(registry);
            return value;
        });
    }

    private AtomicLong hookQueue(String kind) {
        return hookQueues.computeIfAbsent(kind, key -> {
            AtomicLong value = new AtomicLong();
            // a call can start before its queueing is counted: never show a negative depth
            Gauge.builder("conveyor.hooks.queued", value, depth -> Math.max(0, depth.get()))
                    .description("Hook calls waiting for the hook executor").tags("hook", kind)
                    .strongReference(true).register(registry);
            return value;
        });
    }

    private Counter hookDrops(String kind) {
        return counter("conveyor.hooks.dropped", "Hook calls dropped without running (queue full or shut down)",
                "hook", kind);
    }

    private static Duration[] durations(long... millis) {
        Duration[] all = new Duration[millis.length];
        for (int i = 0; i < millis.length; i++) {
            all[i] = Duration.ofMillis(millis[i]);
        }
        return all;
    }
}
