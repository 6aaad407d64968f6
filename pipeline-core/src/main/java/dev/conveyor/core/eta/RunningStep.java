package dev.conveyor.core.eta;

import dev.conveyor.model.StepRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * The seconds left in the step that runs now, blending what was expected of it with the rate it shows.
 *
 * <p>With units reported, the step's speed is estimated as a weighted mean of the assumed seconds per reported
 * unit (the expected total, from the learned speed times the pace of the job's completed steps, over
 * {@code unitsTotal}) and the observed {@code elapsed / unitsDone}, the observed side weighing
 * {@code done / (done + priorUnits)}: the assumption counts as {@code priorUnits} units seen. Times the units
 * left, that is
 * {@code w × (elapsed / f − elapsed) + (1 − w) × expectedTotal × (1 − f)}; the per-unit form of the expected
 * part measured better than {@code expectedTotal − elapsed} in the ETA study. Without units it is the expected
 * time left, but never less than {@code overrunShare × elapsed}: a late step is assumed to be nearly done,
 * the later the less nearly, rather than stuck at zero.
 */
record RunningStep(double priorUnits, double overrunShare) {

    RunningStep {
        if (!(priorUnits >= 0.0) || Double.isInfinite(priorUnits)) {
            throw new IllegalArgumentException("priorUnits must be a finite number >= 0, got " + priorUnits);
        }
        if (!(overrunShare >= 0.0) || Double.isInfinite(overrunShare)) {
            throw new IllegalArgumentException("overrunShare must be a finite number >= 0, got " + overrunShare);
        }
    }

    /**
     * {@code expectedTotal} is the seconds the whole step is expected to take; empty when neither it nor an
     * observed rate is available.
     */
    OptionalDouble remaining(StepRecord step, OptionalDouble expectedTotal, Instant now) {
        double elapsed = step.startedAt().map(start -> Math.max(0.0, secondsBetween(start, now))).orElse(0.0);
        long done = Math.min(step.unitsDone(), step.unitsTotal());
        if (step.unitsTotal() > 0 && done > 0) {
            long left = step.unitsTotal() - done;
            if (left == 0) {
                return OptionalDouble.of(overrunShare * elapsed);
            }
            double observed = elapsed / done;
            if (expectedTotal.isEmpty()) {
                return OptionalDouble.of(observed * left);
            }
            double assumed = expectedTotal.getAsDouble() / step.unitsTotal();
            double weight = done / (done + priorUnits);
            double speed = weight * observed + (1.0 - weight) * assumed;
            return OptionalDouble.of(speed * left);
        }
        if (expectedTotal.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.max(expectedTotal.getAsDouble() - elapsed, overrunShare * elapsed));
    }

    /** Seconds from {@code from} to {@code to}, negative if {@code to} is earlier; never overflows. */
    static double secondsBetween(Instant from, Instant to) {
        return seconds(Duration.between(from, to));
    }

    /** A duration in seconds; never overflows, unlike {@link Duration#toNanos()}. */
    static double seconds(Duration duration) {
        return duration.getSeconds() + duration.getNano() / 1e9;
    }
}
