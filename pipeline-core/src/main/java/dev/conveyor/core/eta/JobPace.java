package dev.conveyor.core.eta;

import dev.conveyor.model.DurationSpread;
import dev.conveyor.model.Job;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.StepTiming;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.StepDefinition;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How much slower (above 1) or faster than learned this job runs: some jobs are slow throughout (dense
 * documents, a busy API), so their remaining steps will be too. Each step the job has run says so in the log of
 * its actual/expected time, centred on what its runs usually show, but with its own noise: a step of a few
 * heavy-tailed files says little, a step of two hundred items or a steady fixed step says much. So the pace is
 * the precision-weighted mean of those logs, shrunk toward 1 by the prior that jobs' paces spread
 * {@code paceSpread} (in log terms): a step's noise is the variance its learned {@link DurationSpread} shows,
 * less what the paces of jobs explain (at least {@link #OWN_SHARE} of it is kept as its own), scaled by its
 * usual units over this run's units. Each ratio is also held within what the step's runs usually show, so one
 * overrun, a stuck call, says little of how the job's other steps go. A step that reported its units, once its
 * units' usual speed is learned, says it instead by how fast those units went ({@link UnitEvidence}): much
 * surer than its total, which a single slow file can double.
 *
 * @param completedLog      the log pace shown by completed steps only (what the running step's own prior uses)
 * @param completedVariance how uncertain that is, in log terms
 * @param log               the log pace shown by completed steps and the running step (what pending steps use)
 * @param variance          how uncertain that is, in log terms
 * @param paceVariance      the prior spread of jobs' paces, squared; 0 ignores the job's pace
 */
record JobPace(double completedLog, double completedVariance, double log, double variance, double paceVariance) {

    static final JobPace NONE = new JobPace(0.0, 0.0, 0.0, 0.0, 0.0);
    /** The least share of a step's spread taken as its own noise rather than the job's pace. */
    static final double OWN_SHARE = 0.5;
    private static final double MAX_RATIO = 10.0;

    /** The running step's units count only when {@code now} is given. */
    static JobPace of(PipelineDefinition pipeline, Job job, Map<String, StepTiming> learned, double paceSpread,
                      Optional<Instant> now) {
        if (!(paceSpread > 0.0)) {
            return NONE;
        }
        double paceVariance = paceSpread * paceSpread;
        Evidence completed = new Evidence();
        Evidence running = new Evidence();
        for (StepDefinition step : pipeline.steps()) {
            StepRecord record = job.step(step.name()).orElse(null);
            OptionalDouble secondsPerUnit = TimingLearner.secondsPerUnit(step, learned);
            if (record == null || step.isReviewGate() || secondsPerUnit.isEmpty()
                    || !(secondsPerUnit.getAsDouble() > 0.0)) {
                continue;
            }
            double perUnit = secondsPerUnit.getAsDouble();
            long units = Math.max(1L, TimingLearner.unitsOf(step, record, job.input()));
            DurationSpread spread = TimingLearner.spreadOf(step, learned);
            // a definition's estimate is taken as typical; a learned speed is a mean, above the typical run
            double usualLog = TimingLearner.learnedSpread(step, learned).isEmpty() ? 0.0
                    : spread.logMean() - Math.log(spread.mean());
            Optional<UnitEvidence> byUnits = UnitEvidence.of(step, record, learned, now);
            if (byUnits.isPresent()) {
                (record.status() == StepStatus.COMPLETED ? completed : running)
                        .addLog(byUnits.get().variance(), byUnits.get().log());
            } else if (record.status() == StepStatus.COMPLETED && record.durationMs().isPresent()) {
                double ratio = record.durationMs().get() / 1000.0 / (perUnit * units);
                completed.add(ownVariance(step, learned, units, paceVariance), usual(ratio, spread), usualLog);
            } else if (record.status() == StepStatus.RUNNING && record.unitsDone() > 0 && record.unitsTotal() > 0
                    && record.startedAt().isPresent() && now.isPresent()) {
                // the reported units may not be the learned ones (a fixed step counts one run): take the share done
                double seen = units * Math.min(1.0, (double) record.unitsDone() / record.unitsTotal());
                double elapsed = RunningStep.secondsBetween(record.startedAt().get(), now.get());
                running.add(ownVariance(step, learned, seen, paceVariance), elapsed / (perUnit * seen), usualLog);
            }
        }
        Evidence all = completed.plus(running);
        return new JobPace(completed.log(paceVariance), completed.variance(paceVariance), all.log(paceVariance),
                all.variance(paceVariance), paceVariance);
    }

    /** The pace of completed steps, as a factor on the steps' typical times. */
    double completedRatio() {
        return Math.exp(completedLog);
    }

    /** What completed steps alone say: the pace a job that is not running yet is expected at. */
    JobPace completedOnly() {
        return new JobPace(completedLog, completedVariance, completedLog, completedVariance, paceVariance);
    }

    /**
     * The variance, in log terms, of a step's time that this job's pace does not explain, for a run of
     * {@code units} units: what the step's learned spread shows per run, less the spread of jobs' paces, scaled by
     * the step's usual units per run over {@code units} (units vary independently).
     */
    static double ownVariance(StepDefinition step, Map<String, StepTiming> learned, double units,
                              double paceVariance) {
        DurationSpread spread = TimingLearner.spreadOf(step, learned);
        return own(step, learned, spread, spread.logVariance(), units, paceVariance);
    }

    /**
     * As {@link #ownVariance}, from the variance the middle half of the step's runs shows
     * ({@link DurationSpread#bodyLogVariance()}): how widely its usual runs spread, a few rare overruns aside.
     */
    static double ownBodyVariance(StepDefinition step, Map<String, StepTiming> learned, double units,
                                  double paceVariance) {
        DurationSpread spread = TimingLearner.spreadOf(step, learned);
        return own(step, learned, spread, spread.bodyLogVariance(), units, paceVariance);
    }

    private static double own(StepDefinition step, Map<String, StepTiming> learned, DurationSpread spread,
                              double perRun, double units, double paceVariance) {
        StepTiming timing = learned.get(step.name());
        double usualUnits = timing == null || spread.runs() <= 0.0 ? units
                : Math.max(1.0, timing.samples() / spread.runs());
        return Math.max(perRun - paceVariance, OWN_SHARE * perRun) * usualUnits / Math.max(1.0, units);
    }

    /**
     * A step's ratio held within what its runs usually show (5th to 95th percentile of its learned spread,
     * relative to the spread's mean).
     */
    private static double usual(double ratio, DurationSpread spread) {
        double mean = spread.mean();
        double low = spread.quantile(1.0 - RunningStep.USUAL) / mean;
        double high = spread.quantile(RunningStep.USUAL) / mean;
        return Double.isFinite(low) && Double.isFinite(high) ? Math.min(high, Math.max(low, ratio)) : ratio;
    }

    /** The precision of the steps seen and the precision-weighted sum of their centred log ratios. */
    private static final class Evidence {
        private static final double MAX_PRECISION = 1e6;
        private double precision;
        private double weightedLogs;

        void add(double variance, double ratio, double usualLog) {
            double clamped = Math.min(MAX_RATIO, Math.max(1.0 / MAX_RATIO, ratio));
            double weight = variance > 1.0 / MAX_PRECISION ? 1.0 / variance : MAX_PRECISION;
            precision += weight;
            weightedLogs += weight * (Math.log(clamped) - usualLog);
        }

        void addLog(double variance, double centredLog) {
            double weight = variance > 1.0 / MAX_PRECISION ? 1.0 / variance : MAX_PRECISION;
            precision += weight;
            weightedLogs += weight * centredLog;
        }

        Evidence plus(Evidence other) {
            Evidence sum = new Evidence();
            sum.precision = precision + other.precision;
            sum.weightedLogs = weightedLogs + other.weightedLogs;
            return sum;
        }

        double log(double paceVariance) {
            return weightedLogs / (precision + 1.0 / paceVariance);
        }

        double variance(double paceVariance) {
            return 1.0 / (precision + 1.0 / paceVariance);
        }
    }
}
