package dev.conveyor.core.run;

import dev.conveyor.core.eta.TimingLearner;
import dev.conveyor.model.EtaAccuracy;
import dev.conveyor.model.StepTiming;
import dev.conveyor.model.UnitPace;
import dev.conveyor.pipeline.StepDefinition;
import dev.conveyor.port.out.StepTimings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This process's view of learned step timings and of each pipeline's ETA accuracy: read from the store now and
 * then, updated in memory as steps and runs complete, and written back in one go by {@link #flush()} so that
 * learning costs no write per step or per job.
 */
public final class LearnedTimings {

    private static final Duration REFRESH = Duration.ofSeconds(30);

    private final StepTimings store;
    private final Clock clock;
    private final Map<String, Cached<Map<String, StepTiming>>> byPipeline = new ConcurrentHashMap<>();
    private final Set<Key> changed = ConcurrentHashMap.newKeySet();
    private final Map<String, Cached<EtaAccuracy>> accuracy = new ConcurrentHashMap<>();
    private final Set<String> accuracyChanged = ConcurrentHashMap.newKeySet();

    public LearnedTimings(StepTimings store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Everything learned of a pipeline's steps, by step name. */
    public Map<String, StepTiming> of(String pipeline) {
        Instant now = clock.instant();
        Cached<Map<String, StepTiming>> cached = byPipeline.get(pipeline);
        if (cached == null || cached.loadedAt.plus(REFRESH).isBefore(now)) {
            Map<String, StepTiming> fresh = new ConcurrentHashMap<>(store.find(pipeline));
            if (cached != null) {
                Map<String, StepTiming> unsaved = cached.value;
                changed.stream().filter(k -> k.pipeline.equals(pipeline) && unsaved.containsKey(k.step))
                        .forEach(k -> fresh.put(k.step, unsaved.get(k.step)));
            }
            cached = new Cached<>(fresh, now);
            byPipeline.put(pipeline, cached);
        }
        return cached.value;
    }

    /** Learns from a completed step: {@code took} for {@code units} units of work. */
    public void record(String pipeline, StepDefinition step, Duration took, long units) {
        record(pipeline, step, took, units, Optional.empty());
    }

    /** Learns from a completed step: {@code took} for {@code units} units of work, reported at {@code pace}. */
    public void record(String pipeline, StepDefinition step, Duration took, long units, Optional<UnitPace> pace) {
        Map<String, StepTiming> timings = of(pipeline);
        timings.compute(step.name(), (name, previous) ->
                TimingLearner.learn(Optional.ofNullable(previous), step, took, units, pace));
        changed.add(new Key(pipeline, step.name()));
    }

    /** How far the pipeline's recent ETAs could be trusted: what this process judged and has not saved yet, else the store's. */
    public EtaAccuracy accuracy(String pipeline) {
        Cached<EtaAccuracy> cached = accuracy.get(pipeline);
        return cached != null && accuracyChanged.contains(pipeline) ? cached.value : store.accuracy(pipeline);
    }

    /**
     * Adds a completed run's ETA errors (absolute percentage errors at {@link EtaAccuracy#CHECKPOINTS}) to its
     * pipeline's accuracy. What another process saved is taken in when nothing judged here is unsaved.
     */
    public void judge(String pipeline, List<Double> errorsPercent) {
        Instant now = clock.instant();
        accuracy.compute(pipeline, (name, cached) -> {
            boolean stale = cached == null
                    || !accuracyChanged.contains(name) && cached.loadedAt.plus(REFRESH).isBefore(now);
            EtaAccuracy base = stale ? store.accuracy(name) : cached.value;
            return new Cached<>(base.with(errorsPercent), stale ? now : cached.loadedAt);
        });
        accuracyChanged.add(pipeline);
    }

    /** Writes what changed since the last flush to the store. */
    public void flush() {
        for (String pipeline : Set.copyOf(accuracyChanged)) {
            accuracyChanged.remove(pipeline);
            Cached<EtaAccuracy> cached = accuracy.get(pipeline);
            if (cached != null) {
                store.saveAccuracy(pipeline, cached.value);
            }
        }
        for (Key key : Set.copyOf(changed)) {
            changed.remove(key);
            Cached<Map<String, StepTiming>> cached = byPipeline.get(key.pipeline);
            StepTiming timing = cached == null ? null : cached.value.get(key.step);
            if (timing != null) {
                store.save(key.pipeline, key.step, timing);
            }
        }
    }

    private record Cached<T>(T value, Instant loadedAt) {
    }

    private record Key(String pipeline, String step) {
    }
}
