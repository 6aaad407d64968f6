package dev.conveyor.core.eta;

import dev.conveyor.model.DurationSpread;
import dev.conveyor.model.Payload;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepTiming;
import dev.conveyor.model.UnitPace;
import dev.conveyor.model.UnitReference;
import dev.conveyor.pipeline.Estimate;
import dev.conveyor.pipeline.StepDefinition;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Learns how fast each step runs: seconds per unit of work as total seconds over total units of recent runs,
 * seeded from the step definition's estimate, so a 12-file run weighs six times a 2-file one.
 *
 * <p>Both totals decay by {@code 1 − }{@link #ALPHA} before each run is added: the average weighs about as much
 * as the last 39 runs ({@code 2/α − 1}) and half absorbs a lasting change of speed in 14. Steps whose work is
 * heavy-tailed (one file in ten ten times slower) need that many runs for an average within about a tenth; a
 * shorter memory measured worse in the ETA study at every checkpoint.
 * {@link StepTiming#samples()} holds the decayed total of units behind the average (not a count of runs), kept
 * in whole units and rounded up so that a step of one unit per run settles at 20 of them. The definition's
 * estimate counts as {@link #ESTIMATE_WEIGHT} runs the size of the first real one, so the human guess is
 * quickly corrected but no single early run replaces it.
 *
 * <p>Each run also adds its ratio of actual to expected time (the average before it, times its units) to the
 * step's {@link DurationSpread}, decayed the same way; before anything is learned the spread is
 * {@link #PRIOR_SPREAD}, log-normal with a width of {@value #PRIOR_SIGMA}, worth as many runs as the estimate.
 */
public final class TimingLearner {

    /** The share of the decayed totals forgotten at each run. */
    public static final double ALPHA = 0.05;

    /** How many runs the definition's estimate is worth before anything is learned. */
    public static final int ESTIMATE_WEIGHT = 2;

    /** The assumed width (in log terms) of a step's durations before any of them is seen. */
    public static final double PRIOR_SIGMA = 0.4;

    /** The spread assumed of a step nothing has been learned of. */
    public static final DurationSpread PRIOR_SPREAD = DurationSpread.logNormal(PRIOR_SIGMA, ESTIMATE_WEIGHT);

    private static final double ROUNDING_SLACK = 1e-9;

    private TimingLearner() {
    }

    /**
     * The average after a step took {@code took} for {@code units} units of work (0 counts as 1; a negative
     * duration, from clock skew between workers, as zero). Pass the units {@link #unitsOf} gives, so that
     * learning and predicting use the same unit.
     */
    public static StepTiming learn(Optional<StepTiming> previous, StepDefinition step, Duration took, long units) {
        return learn(previous, step, took, units, Optional.empty());
    }

    /**
     * As {@link #learn(Optional, StepDefinition, Duration, long)}, also learning from how fast the run got
     * through the units it reported: the usual mean log seconds per unit of a run and the variance of a unit's
     * log within a run ({@link UnitReference}), decayed as the speed is.
     */
    public static StepTiming learn(Optional<StepTiming> previous, StepDefinition step, Duration took, long units,
                                   Optional<UnitPace> pace) {
        StepTiming timing = learnSpeed(previous, step, took, units);
        UnitReference reference = previous.map(StepTiming::units).orElse(UnitReference.NONE);
        return new StepTiming(timing.secondsPerUnit(), timing.samples(), timing.spread(),
                pace.filter(p -> p.units() > 0).map(p -> learnUnits(reference, p)).orElse(reference));
    }

    private static UnitReference learnUnits(UnitReference previous, UnitPace pace) {
        double runs = previous.runs() * (1.0 - ALPHA) + 1.0;
        double mean = previous.logMean() + (pace.logMean() - previous.logMean()) / runs;
        double within = pace.logVariance();
        double variance = Double.isNaN(within) ? previous.withinVariance()
                : previous.isEmpty() ? within : previous.withinVariance() + (within - previous.withinVariance()) / runs;
        return new UnitReference(mean, variance, runs);
    }

    private static StepTiming learnSpeed(Optional<StepTiming> previous, StepDefinition step, Duration took,
                                         long units) {
        Objects.requireNonNull(previous, "previous must not be null (use Optional.empty())");
        Objects.requireNonNull(step, "step must not be null");
        Objects.requireNonNull(took, "took must not be null");
        long runUnits = Math.max(1L, units);
        double seconds = Math.max(0.0, RunningStep.seconds(took));
        double estimate = step.estimate().secondsPerUnit();
        if (previous.isEmpty() && Double.isNaN(estimate)) {
            return new StepTiming(seconds / runUnits, runUnits, DurationSpread.NONE);
        }
        double base = previous.map(StepTiming::secondsPerUnit).orElse(estimate);
        long kept = previous.map(timing -> decayed(timing.samples()))
                .orElse(saturatedProduct(ESTIMATE_WEIGHT, runUnits));
        long total = kept > Long.MAX_VALUE - runUnits ? Long.MAX_VALUE : kept + runUnits;
        double average = base + (seconds - base * runUnits) / total;
        DurationSpread spread = previous.map(StepTiming::spread).filter(s -> !s.isEmpty()).orElse(PRIOR_SPREAD);
        double ratio = base > 0.0 ? seconds / (base * runUnits) : Double.NaN;
        return new StepTiming(Double.isFinite(average) ? Math.max(0.0, average) : base, total,
                spread.decayedWith(ratio, 1.0 - ALPHA));
    }

    /** How a step's durations spread around their expectation: learned if known, else {@link #PRIOR_SPREAD}. */
    public static DurationSpread spreadOf(StepDefinition step, Map<String, StepTiming> learned) {
        return learnedSpread(step, learned).orElse(PRIOR_SPREAD);
    }

    /** How a step's durations spread around their expectation, when runs of it have taught that. */
    public static Optional<DurationSpread> learnedSpread(StepDefinition step, Map<String, StepTiming> learned) {
        return Optional.ofNullable(learned.get(step.name())).map(StepTiming::spread).filter(s -> !s.isEmpty());
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
     * The units of work of one step of one job, the same whether it is learned or predicted. A per-unit step
     * counts what it reported ({@code unitsTotal}) once it has, else what its estimate reads from the job's
     * input (3 for {@code "files": [a, b, c]}). A fixed or unknown step counts one run, whatever it reports:
     * before it runs there is no count to multiply by.
     */
    public static long unitsOf(StepDefinition step, StepRecord record, Payload input) {
        return switch (step.estimate()) {
            case Estimate.PerUnit perUnit -> record.unitsTotal() > 0 ? record.unitsTotal() : perUnit.unitsFor(input);
            case Estimate.Fixed fixed -> 1L;
            case Estimate.Unknown unknown -> 1L;
        };
    }

    private static long decayed(long units) {
        return (long) Math.ceil((1.0 - ALPHA) * units - ROUNDING_SLACK);
    }

    private static long saturatedProduct(long a, long b) {
        return b > Long.MAX_VALUE / a ? Long.MAX_VALUE : a * b;
    }
}
