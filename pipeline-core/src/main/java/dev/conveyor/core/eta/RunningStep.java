package dev.conveyor.core.eta;

import dev.conveyor.model.DurationSpread;
import dev.conveyor.model.StepRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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
 * part measured better than {@code expectedTotal − elapsed} in the ETA study. Without units it is what the
 * step's learned {@link DurationSpread} expects of a run that has already lasted {@code elapsed}: the median of
 * the runs that lasted longer, scaled so that the whole spread's median is {@code expectedTotal} (the step's
 * typical time), minus {@code elapsed}. Early on that is the step's typical time left; past it, the remainder grows with the tail of
 * the spread. It is never less than {@code overrunShare × elapsed}, so a step that
 * outlasts everything seen before is still given time, the more the later, rather than zero.
 */
record RunningStep(double priorUnits, double overrunShare) {

    /** The share of a step's runs that "usual" covers. */
    static final double USUAL = 0.95;
    /** How many times its usual longest a silent step runs before it counts as stalled. */
    static final double STALL_FACTOR = 3.0;
    /** The share of its timeout a silent step runs before it counts as stalled. */
    static final double TIMEOUT_SHARE = 0.5;
    /** The quantile of a step's durations an estimate aims at: the median, which errs least in proportion. */
    static final double TYPICAL = 0.5;

    RunningStep {
        if (!(priorUnits >= 0.0) || Double.isInfinite(priorUnits)) {
            throw new IllegalArgumentException("priorUnits must be a finite number >= 0, got " + priorUnits);
        }
        if (!(overrunShare >= 0.0) || Double.isInfinite(overrunShare)) {
            throw new IllegalArgumentException("overrunShare must be a finite number >= 0, got " + overrunShare);
        }
    }

    /**
     * {@code expectedTotal} is the seconds the whole step typically takes; empty when neither it nor an observed
     * rate is available.
     */
    OptionalDouble remaining(StepRecord step, OptionalDouble expectedTotal, DurationSpread spread, Instant now) {
        double elapsed = elapsed(step, now);
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
        double expected = expectedTotal.getAsDouble();
        if (!(expected > 0.0)) {
            return OptionalDouble.of(overrunShare * elapsed);
        }
        double median = spread.quantile(TYPICAL);
        double typical = spread.quantileAbove(elapsed / expected * median, TYPICAL);
        double total = Double.isNaN(typical) ? elapsed : expected * typical / median;
        return OptionalDouble.of(Math.max(total - elapsed, overrunShare * elapsed));
    }

    /**
     * True once a step without unit reports has run longer than 95 % of its runs did, scaled as in
     * {@link #remaining}: the moment to tell its user it is taking longer than usual.
     */
    static boolean longerThanUsual(StepRecord step, double expectedTotal, DurationSpread spread, Instant now) {
        if (!(expectedTotal > 0.0) || spread.isEmpty()) {
            return false;
        }
        return elapsed(step, now) / expectedTotal > spread.quantile(USUAL) / spread.quantile(TYPICAL);
    }

    /**
     * True once a step that has reported no units has run {@link #STALL_FACTOR} times as long as 95 % of its runs
     * did, or half its timeout: it is likely stuck, and its user (and whoever watches the notifications) should
     * hear of it.
     */
    static boolean stalled(StepRecord step, double expectedTotal, DurationSpread spread, Optional<Duration> timeout,
                           Instant now) {
        if (step.unitsTotal() > 0) {
            return false;
        }
        double elapsed = elapsed(step, now);
        if (timeout.isPresent() && elapsed > seconds(timeout.get()) * TIMEOUT_SHARE) {
            return true;
        }
        return expectedTotal > 0.0 && !spread.isEmpty()
                && elapsed / expectedTotal > STALL_FACTOR * spread.quantile(USUAL) / spread.quantile(TYPICAL);
    }

    /** Seconds since the step started, never negative. */
    static double elapsed(StepRecord step, Instant now) {
        return step.startedAt().map(start -> Math.max(0.0, secondsBetween(start, now))).orElse(0.0);
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
