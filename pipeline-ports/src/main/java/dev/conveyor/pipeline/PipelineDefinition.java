package dev.conveyor.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A named, ordered list of steps. Progress is each step's weight over the sum of all weights.
 *
 * @param maxWorkerLosses how many times in a row a step of this pipeline may lose its worker (the process died
 *                        running it: out of memory, a native crash, a halt) before its job fails as
 *                        {@code worker_lost} instead of taking down another worker; empty for the engine's default
 */
public record PipelineDefinition(String name, List<StepDefinition> steps, OptionalInt maxWorkerLosses) {

    public PipelineDefinition {
        Objects.requireNonNull(name, "pipeline name must not be null");
        Objects.requireNonNull(maxWorkerLosses, "maxWorkerLosses must not be null (use OptionalInt.empty())");
        if (maxWorkerLosses.isPresent() && maxWorkerLosses.getAsInt() < 1) {
            throw new IllegalArgumentException("pipeline '" + name + "': maxWorkerLosses must be at least 1, got "
                    + maxWorkerLosses.getAsInt());
        }
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

    /** A pipeline that loses as many workers as the engine allows by default. */
    public PipelineDefinition(String name, List<StepDefinition> steps) {
        this(name, steps, OptionalInt.empty());
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
                .toList(), maxWorkerLosses);
    }

    public int totalWeight() {
        return steps.stream().mapToInt(StepDefinition::weight).sum();
    }

    /** Builds a pipeline step by step: {@code PipelineDefinition.named("docs").step("extract", ctx -> …).build()}. */
    public static final class Builder {
        private final String name;
        private final List<StepDefinition> steps = new ArrayList<>();
        private Duration defaultStepTimeout;
        private OptionalInt maxWorkerLosses = OptionalInt.empty();

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

        /**
         * How many times in a row one step may lose its worker (the process died running it) before the job
         * fails as {@code worker_lost}; the engine's default (3) unless set.
         */
        public Builder maxWorkerLosses(int losses) {
            if (losses < 1) {
                throw new IllegalArgumentException("maxWorkerLosses must be at least 1, got " + losses);
            }
            this.maxWorkerLosses = OptionalInt.of(losses);
            return this;
        }

        public PipelineDefinition build() {
            PipelineDefinition pipeline = new PipelineDefinition(name, steps, maxWorkerLosses);
            return defaultStepTimeout == null ? pipeline : pipeline.withDefaultStepTimeout(defaultStepTimeout);
        }
    }
}
