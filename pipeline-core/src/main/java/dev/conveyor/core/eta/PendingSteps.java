package dev.conveyor.core.eta;

import dev.conveyor.model.DurationSpread;
import dev.conveyor.model.Job;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepTiming;
import dev.conveyor.pipeline.StepDefinition;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The seconds the steps still to start will take in all, aimed below their typical total by what is still
 * unknown of it, since the error users see is proportional and a proportional error is least below the median.
 * A learned step typically takes its learned speed times its units times the median/mean of its learned
 * {@link DurationSpread} (the median is not moved by rare overruns) times the job's pace
 * ({@link JobPace#log()}). Their sum is then taken times {@code exp(−V / 2)}, where {@code V} is the variance
 * of the log of that sum: what is still unknown of the job's pace plus each step's own noise as the body of its
 * runs shows it ({@link JobPace#ownBodyVariance}), weighted by its share of the sum squared. A rare overrun
 * barely moves where the least proportional error lies (it is far off, and seldom), while it would swell a
 * variance taken over all the runs and pull every estimate down. (For a log-normal sum the least proportional
 * error lies at {@code exp(−V)}; half of it measured better in the ETA study.) A step known only by its
 * definition's estimate takes that estimate as typical, times the job's pace, with nothing taken off.
 */
final class PendingSteps {

    /** The share of the log variance of the learned steps' sum that the estimate is aimed below their median. */
    static final double SHRINK = 0.5;

    private final JobPace pace;
    private final Map<String, StepTiming> learned;
    private final Job job;
    private double unlearnedSeconds;
    private double learnedSeconds;
    private double learnedWeightedNoise;

    PendingSteps(JobPace pace, Map<String, StepTiming> learned, Job job) {
        this.pace = pace;
        this.learned = learned;
        this.job = job;
    }

    /** Counts a step still to start; false when nothing can be said of its time. */
    boolean add(StepDefinition step, StepRecord record) {
        OptionalDouble secondsPerUnit = TimingLearner.secondsPerUnit(step, learned);
        if (secondsPerUnit.isEmpty()) {
            return false;
        }
        long units = TimingLearner.unitsOf(step, record, job.input());
        double seconds = secondsPerUnit.getAsDouble() * units * Math.exp(pace.log());
        Optional<DurationSpread> spread = TimingLearner.learnedSpread(step, learned);
        if (spread.isEmpty()) {
            unlearnedSeconds += seconds;
            return true;
        }
        double typical = seconds * spread.get().quantile(RunningStep.TYPICAL) / spread.get().mean();
        learnedSeconds += typical;
        learnedWeightedNoise += typical * typical * JobPace.ownBodyVariance(step, learned, units, pace.paceVariance());
        return true;
    }

    /** The seconds of every step counted. */
    double seconds() {
        if (!(learnedSeconds > 0.0)) {
            return unlearnedSeconds;
        }
        double variance = pace.variance() + learnedWeightedNoise / (learnedSeconds * learnedSeconds);
        return unlearnedSeconds + learnedSeconds * Math.exp(-SHRINK * variance);
    }
}
