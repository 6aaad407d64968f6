package dev.conveyor.demo;

import dev.conveyor.pipeline.StepException;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure the input asks for: the first {@code times} attempts of {@code step} on a job fail with this
 * category. A transient failure is retried by the engine within the run; a permanent one fails the job, and
 * each retry of the job is one more attempt.
 */
record FailurePlan(String step, StepException.Category kind, int times) {

    static final int MAX_TIMES = 100;

    FailurePlan {
        Objects.requireNonNull(step, "step must not be null");
        Objects.requireNonNull(kind, "kind must not be null");
        if (times < 0 || times > MAX_TIMES) {
            throw new IllegalArgumentException("times must be in [0, " + MAX_TIMES + "], got " + times);
        }
    }

    static Optional<StepException.Category> category(String kind) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "transient" -> Optional.of(StepException.Category.TRANSIENT);
            case "permanent" -> Optional.of(StepException.Category.PERMANENT);
            default -> Optional.empty();
        };
    }

    boolean targets(String stepName) {
        return step.equals(stepName) && times > 0;
    }

    /** The failure of attempt {@code attempt} (1-based) of this plan's step, in words the user can act on. */
    StepException failure(int attempt) {
        String which = "attempt " + attempt + " of " + times + " planned";
        return kind == StepException.Category.TRANSIENT
                ? StepException.transientFailure("The " + step + " service did not answer (a simulated outage, "
                        + which + "); we will try again shortly.", null)
                : StepException.permanent("simulated_failure", "The " + step + " step failed on purpose: the "
                        + "job's input asks for it (fail.kind \"permanent\", " + which + "). Retry the job to "
                        + "go on from this step.");
    }
}
