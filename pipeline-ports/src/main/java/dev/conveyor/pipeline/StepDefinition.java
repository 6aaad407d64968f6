package dev.conveyor.pipeline;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a pipeline.
 *
 * @param weight              its share of the 0–100 progress (the seeds use 25/25/10/20/20)
 * @param retry               how its transient failures are retried
 * @param timeout             an attempt running longer is interrupted and counts as a transient failure
 * @param continuePastFailure when it fails, the steps after it still run (a generalised "skip validation")
 * @param runningLabel        the job status while it runs ({@code classifying} for {@code classify})
 * @param action              its code; review gates have none of their own
 */
public record StepDefinition(String name, StepKind kind, int weight, Estimate estimate, RetryPolicy retry,
                             Optional<Duration> timeout, boolean continuePastFailure, String runningLabel,
                             Step action) {

    private static final Step NOTHING = context -> { };

    public StepDefinition {
        Objects.requireNonNull(name, "step name must not be null");
        Objects.requireNonNull(kind, "step kind must not be null");
        Objects.requireNonNull(estimate, "estimate must not be null");
        Objects.requireNonNull(retry, "retry policy must not be null");
        Objects.requireNonNull(timeout, "timeout must not be null (use Optional.empty())");
        Objects.requireNonNull(runningLabel, "runningLabel must not be null");
        Objects.requireNonNull(action, "step action must not be null");
        if (!name.matches("[a-z][a-z0-9_-]{0,63}")) {
            throw new IllegalArgumentException("step name must be 1-64 lower-case letters, digits, '_' or '-', "
                    + "starting with a letter, got '" + name + "'");
        }
        if (weight < 0) {
            throw new IllegalArgumentException("step '" + name + "': weight must not be negative, got " + weight);
        }
        timeout.ifPresent(t -> {
            if (t.isZero() || t.isNegative()) {
                throw new IllegalArgumentException("step '" + name + "': timeout must be positive, got " + t);
            }
        });
    }

    /** An ordinary step with weight 1, no estimate, default retries and no timeout; refine with the withers. */
    public static StepDefinition of(String name, Step action) {
        return new StepDefinition(name, StepKind.ORDINARY, 1, Estimate.unknown(), RetryPolicy.defaults(),
                Optional.empty(), false, gerund(name), action);
    }

    /** A review gate: the job pauses here while review items below the auto-approve threshold remain. */
    public static StepDefinition reviewGate(String name) {
        return new StepDefinition(name, StepKind.REVIEW_GATE, 1, Estimate.fixed(Duration.ZERO),
                RetryPolicy.none(), Optional.empty(), false, gerund(name), NOTHING);
    }

    public StepDefinition weight(int value) {
        return new StepDefinition(name, kind, value, estimate, retry, timeout, continuePastFailure, runningLabel,
                action);
    }

    public StepDefinition estimate(Estimate value) {
        return new StepDefinition(name, kind, weight, value, retry, timeout, continuePastFailure, runningLabel,
                action);
    }

    public StepDefinition retry(RetryPolicy value) {
        return new StepDefinition(name, kind, weight, estimate, value, timeout, continuePastFailure, runningLabel,
                action);
    }

    public StepDefinition timeout(Duration value) {
        return new StepDefinition(name, kind, weight, estimate, retry, Optional.of(value), continuePastFailure,
                runningLabel, action);
    }

    public StepDefinition continuePastFailure(boolean value) {
        return new StepDefinition(name, kind, weight, estimate, retry, timeout, value, runningLabel, action);
    }

    public StepDefinition runningLabel(String value) {
        return new StepDefinition(name, kind, weight, estimate, retry, timeout, continuePastFailure, value,
                action);
    }

    public boolean isReviewGate() {
        return kind == StepKind.REVIEW_GATE;
    }

    /** extract → extracting, classify → classifying, validate → validating, review → reviewing. */
    static String gerund(String name) {
        String base = name.toLowerCase(Locale.ROOT);
        if (base.endsWith("ie")) {
            return base.substring(0, base.length() - 2) + "ying";
        }
        if (base.endsWith("e") && !base.endsWith("ee") && base.length() > 2) {
            return base.substring(0, base.length() - 1) + "ing";
        }
        return base + "ing";
    }
}
