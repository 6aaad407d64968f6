package dev.conveyor.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A named, ordered list of steps. Progress is each step's weight over the sum of all weights. */
public record PipelineDefinition(String name, List<StepDefinition> steps) {

    public PipelineDefinition {
        Objects.requireNonNull(name, "pipeline name must not be null");
        if (!name.matches("[a-z][a-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException("pipeline name must be 1-64 lower-case letters, digits, '.', '_' "
                    + "or '-', starting with a letter, got '" + name + "'");
        }
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("pipeline '" + name + "' must have at least one step");
        }
        Set<String> seen = new HashSet<>();
        for (StepDefinition step : steps) {
            if (!seen.add(step.name())) {
                throw new IllegalArgumentException("pipeline '" + name + "' has two steps named '" + step.name()
                        + "'");
            }
        }
        if (steps.stream().mapToInt(StepDefinition::weight).sum() <= 0) {
            throw new IllegalArgumentException("pipeline '" + name + "': the step weights must add up to more than 0");
        }
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    public Optional<StepDefinition> step(String stepName) {
        return steps.stream().filter(s -> s.name().equals(stepName)).findFirst();
    }

    public int indexOf(String stepName) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).name().equals(stepName)) {
                return i;
            }
        }
        return -1;
    }

    public List<String> stepNames() {
        return steps.stream().map(StepDefinition::name).toList();
    }

    /** This pipeline with {@code timeout} on every step that has none of its own (review gates run no code). */
    public PipelineDefinition withDefaultStepTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must not be null");
        return new PipelineDefinition(name, steps.stream()
                .map(step -> step.timeout().isPresent() || step.isReviewGate() ? step : step.timeout(timeout))
                .toList());
    }

    public int totalWeight() {
        return steps.stream().mapToInt(StepDefinition::weight).sum();
    }

    /** Builds a pipeline step by step: {@code PipelineDefinition.named("docs").step("extract", ctx -> …).build()}. */
    public static final class Builder {
        private final String name;
        private final List<StepDefinition> steps = new ArrayList<>();
        private Duration defaultStepTimeout;

        private Builder(String name) {
            this.name = name;
        }

        /** An ordinary step with weight 1, unknown estimate and default retries. */
        public Builder step(String stepName, Step action) {
            return step(StepDefinition.of(stepName, action));
        }

        public Builder step(String stepName, int weight, Estimate estimate, Step action) {
            return step(StepDefinition.of(stepName, action).weight(weight).estimate(estimate));
        }

        public Builder step(StepDefinition step) {
            steps.add(Objects.requireNonNull(step, "step must not be null"));
            return this;
        }

        public Builder reviewGate(String stepName, int weight) {
            return step(StepDefinition.reviewGate(stepName).weight(weight));
        }

        /** A timeout for every step of this pipeline that sets none of its own; none by default. */
        public Builder defaultStepTimeout(Duration timeout) {
            this.defaultStepTimeout = Objects.requireNonNull(timeout, "timeout must not be null");
            return this;
        }

        public PipelineDefinition build() {
            PipelineDefinition pipeline = new PipelineDefinition(name, steps);
            return defaultStepTimeout == null ? pipeline : pipeline.withDefaultStepTimeout(defaultStepTimeout);
        }
    }
}
