package dev.conveyor.core.store;

import dev.conveyor.model.EtaAccuracy;
import dev.conveyor.model.StepTiming;
import dev.conveyor.port.out.StepTimings;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded default {@link StepTimings}: learned step speeds and ETA accuracy per pipeline, kept for the life of
 * the process.
 */
public final class InMemoryStepTimings implements StepTimings {

    private final Map<String, Map<String, StepTiming>> byPipeline = new ConcurrentHashMap<>();
    private final Map<String, EtaAccuracy> accuracy = new ConcurrentHashMap<>();

    @Override
    public Map<String, StepTiming> find(String pipeline) {
        Objects.requireNonNull(pipeline, "pipeline must not be null");
        return Map.copyOf(byPipeline.getOrDefault(pipeline, Map.of()));
    }

    @Override
    public void save(String pipeline, String step, StepTiming timing) {
        Objects.requireNonNull(pipeline, "pipeline must not be null");
        Objects.requireNonNull(step, "step must not be null");
        Objects.requireNonNull(timing, "timing must not be null");
        byPipeline.computeIfAbsent(pipeline, key -> new ConcurrentHashMap<>()).put(step, timing);
    }

    @Override
    public EtaAccuracy accuracy(String pipeline) {
        Objects.requireNonNull(pipeline, "pipeline must not be null");
        return accuracy.getOrDefault(pipeline, EtaAccuracy.NONE);
    }

    @Override
    public void saveAccuracy(String pipeline, EtaAccuracy value) {
        Objects.requireNonNull(pipeline, "pipeline must not be null");
        Objects.requireNonNull(value, "accuracy must not be null");
        accuracy.put(pipeline, value);
    }
}
