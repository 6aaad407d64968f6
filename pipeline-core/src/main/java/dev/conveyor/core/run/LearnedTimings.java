package dev.conveyor.core.run;

import dev.conveyor.core.eta.TimingLearner;
import dev.conveyor.model.StepTiming;
import dev.conveyor.pipeline.StepDefinition;
import dev.conveyor.port.out.StepTimings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This process's view of learned step timings: read from the store now and then, updated in memory as steps
 * complete, and written back in one go by {@link #flush()} so that learning costs no write per step.
 */
public final class LearnedTimings {

    private static final Duration REFRESH = Duration.ofSeconds(30);

    private final StepTimings store;
    private final Clock clock;
    private final Map<String, Cached> byPipeline = new ConcurrentHashMap<>();
    private final Set<Key> changed = ConcurrentHashMap.newKeySet();

    public LearnedTimings(StepTimings store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Everything learned of a pipeline's steps, by step name. */
    public Map<String, StepTiming> of(String pipeline) {
        Instant now = clock.instant();
        Cached cached = byPipeline.get(pipeline);
        if (cached == null || cached.loadedAt.plus(REFRESH).isBefore(now)) {
            Map<String, StepTiming> fresh = new ConcurrentHashMap<>(store.find(pipeline));
            if (cached != null) {
                Map<String, StepTiming> unsaved = cached.timings;
                changed.stream().filter(k -> k.pipeline.equals(pipeline) && unsaved.containsKey(k.step))
                        .forEach(k -> fresh.put(k.step, unsaved.get(k.step)));
            }
            cached = new Cached(fresh, now);
            byPipeline.put(pipeline, cached);
        }
        return cached.timings;
    }

    /** Learns from a completed step: {@code took} for {@code units} units of work. */
    public void record(String pipeline, StepDefinition step, Duration took, long units) {
        Map<String, StepTiming> timings = of(pipeline);
        timings.compute(step.name(), (name, previous) ->
                TimingLearner.learn(Optional.ofNullable(previous), step, took, units));
        changed.add(new Key(pipeline, step.name()));
    }

    /** Writes what changed since the last flush to the store. */
    public void flush() {
        for (Key key : Set.copyOf(changed)) {
            changed.remove(key);
            Cached cached = byPipeline.get(key.pipeline);
            StepTiming timing = cached == null ? null : cached.timings.get(key.step);
            if (timing != null) {
                store.save(key.pipeline, key.step, timing);
            }
        }
    }

    private record Cached(Map<String, StepTiming> timings, Instant loadedAt) {
    }

    private record Key(String pipeline, String step) {
    }
}
