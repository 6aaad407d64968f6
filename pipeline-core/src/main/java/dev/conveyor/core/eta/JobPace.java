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
 * How much slower (above 1) or faster than learned this job has run so far: some jobs are slow throughout
 * (dense documents, a busy API), so their remaining steps will be too. It is the geometric mean of each
 * step's actual/expected time, weighted by the step's units as {@link TimingLearner#unitsOf} counts them (one
 * per run for a fixed step), shrunk toward 1 by {@code paceUnits} (a job that has shown {@code paceUnits}
 * units moves the estimate halfway, in log terms). Working in logs keeps a
 * single step held up by retries from dominating; each ratio is also clamped to [1/10, 10].
 *
 * @param completedRatio the pace shown by completed steps only (what the running step's own prior uses)
 * @param ratio          the pace shown by completed steps and the running step (what pending steps use)
 */
record JobPace(double completedRatio, double ratio) {

    static final JobPace NONE = new JobPace(1.0, 1.0);
    private static final double MAX_RATIO = 10.0;

    /** The running step's units count only when {@code now} is given. */
    static JobPace of(PipelineDefinition pipeline, Job job, Map<String, StepTiming> learned, double paceUnits,
                      Optional<Instant> now) {
        if (Double.isInfinite(paceUnits)) {
            return NONE;
        }
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
            if (record.status() == StepStatus.COMPLETED && record.durationMs().isPresent()) {
                double ratio = record.durationMs().get() / 1000.0 / (perUnit * units);
                completed.add(units, TimingLearner.learnedSpread(step, learned)
                        .map(spread -> usual(ratio, spread)).orElse(ratio));
            } else if (record.status() == StepStatus.RUNNING && record.unitsDone() > 0 && record.unitsTotal() > 0
                    && record.startedAt().isPresent() && now.isPresent()) {
                // the reported units may not be the learned ones (a fixed step counts one run): take the share done
                double seen = units * Math.min(1.0, (double) record.unitsDone() / record.unitsTotal());
                double elapsed = RunningStep.secondsBetween(record.startedAt().get(), now.get());
                running.add(seen, elapsed / (perUnit * seen));
            }
        }
        return new JobPace(completed.pace(paceUnits), completed.plus(running).pace(paceUnits));
    }

    /**
     * A step's ratio held within what its runs usually show (5th to 95th percentile of its learned spread,
     * relative to the spread's mean): one step that overran, a stuck call, says little of how the job's other
     * steps go.
     */
    private static double usual(double ratio, DurationSpread spread) {
        double mean = spread.mean();
        double low = spread.quantile(1.0 - RunningStep.USUAL) / mean;
        double high = spread.quantile(RunningStep.USUAL) / mean;
        return Double.isFinite(low) && Double.isFinite(high) ? Math.min(high, Math.max(low, ratio)) : ratio;
    }

    /** Units seen and the unit-weighted sum of the logs of their steps' ratios. */
    private static final class Evidence {
        private double units;
        private double weightedLogs;

        void add(double stepUnits, double ratio) {
            double clamped = Math.min(MAX_RATIO, Math.max(1.0 / MAX_RATIO, ratio));
            units += stepUnits;
            weightedLogs += stepUnits * Math.log(clamped);
        }

        Evidence plus(Evidence other) {
            Evidence sum = new Evidence();
            sum.units = units + other.units;
            sum.weightedLogs = weightedLogs + other.weightedLogs;
            return sum;
        }

        double pace(double paceUnits) {
            return units <= 0.0 ? 1.0 : Math.exp(weightedLogs / (units + paceUnits));
        }
    }
}
