package dev.conveyor.core.eta;

import dev.conveyor.model.Payload;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepTiming;
import dev.conveyor.pipeline.StepDefinition;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Learns how fast each step runs: an exponentially weighted moving average of seconds per unit of work,
 * seeded from the step definition's estimate.
 *
 * <p>Once settled, each run weighs {@link #ALPHA} = 0.1: the average remembers about the last 19 runs
 * ({@code 2/α − 1}), so one run held up by a few very slow items moves it by a tenth of its surprise, while
 * a lasting change of speed is half absorbed after 7 runs. Before that, the definition's estimate counts
 * as {@link #ESTIMATE_WEIGHT} runs and every real run weighs {@code 1/(n + 1 + 2)}, so the human guess is
 * quickly corrected but no single early run replaces it.
 */
public final class TimingLearner {

    /** The weight of each new run once the average has settled. */
    public static final double ALPHA = 0.1;

    /** How many runs the definition's estimate is worth before anything is learned. */
    public static final int ESTIMATE_WEIGHT = 2;

    private TimingLearner() {
    }

    /**
     * The moving average after a step took {@code took} for {@code units} units of work (0 counts as 1;
     * a negative duration, from clock skew between workers, as zero). Pass the units the estimator
     * assumes, as {@link #unitsOf} gives them, so that learning and predicting use the same unit.
     */
    public static StepTiming learn(Optional<StepTiming> previous, StepDefinition step, Duration took, long units) {
        Objects.requireNonNull(previous, "previous must not be null (use Optional.empty())");
        Objects.requireNonNull(step, "step must not be null");
        Objects.requireNonNull(took, "took must not be null");
        double sample = Math.max(0.0, took.toNanos() / 1e9) / Math.max(1L, units);
        double estimate = step.estimate().secondsPerUnit();
        if (previous.isEmpty() && Double.isNaN(estimate)) {
            return new StepTiming(sample, 1);
        }
        double base = previous.map(StepTiming::secondsPerUnit).orElse(estimate);
        long samples = previous.map(StepTiming::samples).orElse(0L);
        double weight = Math.max(ALPHA, 1.0 / (samples + 1 + ESTIMATE_WEIGHT));
        return new StepTiming(base + weight * (sample - base), samples + 1);
    }

    /** The seconds per unit to assume for a step: learned if present, else the definition's estimate. */
    public static OptionalDouble secondsPerUnit(StepDefinition step, Map<String, StepTiming> learned) {
        StepTiming timing = learned.get(step.name());
        if (timing != null) {
            return OptionalDouble.of(timing.secondsPerUnit());
        }
        double estimate = step.estimate().secondsPerUnit();
        return Double.isNaN(estimate) ? OptionalDouble.empty() : OptionalDouble.of(estimate);
    }

    /**
     * The units of work of one step of one job: what the step reported ({@code unitsTotal}) once it has,
     * else what its estimate reads from the job's input (3 for {@code "files": [a, b, c]}).
     */
    public static long unitsOf(StepDefinition step, StepRecord record, Payload input) {
        return record.unitsTotal() > 0 ? record.unitsTotal() : step.estimate().unitsFor(input);
    }
}
