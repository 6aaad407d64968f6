package dev.conveyor.bench;

import dev.conveyor.model.Job;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.pipeline.StepDefinition;

import java.time.Duration;

/**
 * The hand-written estimate of fixed averages: the definition's time for every pending step, plus the running step's time minus
 * its elapsed time, floored at 0. Nothing is learned and reported units are ignored.
 */
record FixedAverages() implements RemainingEstimator {

    @Override
    public String name() {
        return "fixed averages";
    }

    @Override
    public double remainingSeconds(Checkpoint checkpoint) {
        Job job = checkpoint.job();
        double total = 0.0;
        for (StepDefinition step : SeedWorkload.PIPELINE.steps()) {
            StepRecord record = job.step(step.name()).orElseThrow();
            double estimate = step.estimate().secondsPerUnit() * step.estimate().unitsFor(job.input());
            if (record.status() == StepStatus.PENDING) {
                total += estimate;
            } else if (record.status() == StepStatus.RUNNING) {
                double elapsed = Duration.between(record.startedAt().orElseThrow(), checkpoint.now()).toNanos() / 1e9;
                total += Math.max(0.0, estimate - elapsed);
            }
        }
        return total;
    }
}
