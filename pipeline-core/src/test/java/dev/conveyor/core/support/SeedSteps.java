package dev.conveyor.core.support;

import dev.conveyor.pipeline.Estimate;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.Step;
import dev.conveyor.pipeline.StepDefinition;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reference five-step pipeline (extract 25 / classify 25 / review 10 / validate 20 / generate 20) with its
 * definitions' fixed estimates; each step's code is given by the test, defaulting to one that takes a second of test time.
 */
public final class SeedSteps {

    private final MutableClock clock;
    private final Map<String, Step> actions = new LinkedHashMap<>();
    private final Map<String, java.util.function.UnaryOperator<StepDefinition>> tweaks = new LinkedHashMap<>();

    public SeedSteps(MutableClock clock) {
        this.clock = clock;
    }

    public SeedSteps on(String step, Step action) {
        actions.put(step, action);
        return this;
    }

    public SeedSteps tweak(String step, java.util.function.UnaryOperator<StepDefinition> change) {
        tweaks.put(step, change);
        return this;
    }

    /** A step that takes {@code seconds} of test time. */
    public Step taking(long seconds) {
        return context -> clock.advance(Duration.ofSeconds(seconds));
    }

    public PipelineDefinition build() {
        return PipelineDefinition.named("documents")
                .step(def("extract", 25, Estimate.perUnit(Duration.ofSeconds(5), 1, "files")))
                .step(def("classify", 25, Estimate.perUnit(Duration.ofSeconds(3), 20, "items")))
                .step(tweaks.getOrDefault("review", d -> d).apply(StepDefinition.reviewGate("review").weight(10)))
                .step(def("validate", 20, Estimate.fixed(Duration.ofSeconds(1))))
                .step(def("generate", 20, Estimate.fixed(Duration.ofSeconds(2))))
                .build();
    }

    private StepDefinition def(String name, int weight, Estimate estimate) {
        StepDefinition step = StepDefinition.of(name, actions.getOrDefault(name, taking(1))).weight(weight)
                .estimate(estimate);
        return tweaks.getOrDefault(name, d -> d).apply(step);
    }
}
