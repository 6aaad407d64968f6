package dev.conveyor.bench;

import dev.conveyor.model.Job;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.pipeline.StepDefinition;

import java.time.Duration;
import java.util.Map;

/**
 * A reference no real estimator can be: it knows the workload's true mean seconds per unit and the job's own
 * pace, only not which files and items will be slow. Its error is about the floor the workload allows.
 */
record Oracle(Workload workload) implements RemainingEstimator {

    @Override
    public String name() {
        return "oracle (reference, not real)";
    }

    @Override
    public double remainingSeconds(Checkpoint checkpoint) {
        Job job = checkpoint.job();
        Map<String, Double> meanPerUnit = Map.of(
                SeedWorkload.EXTRACT, workload.meanSecondsPerUnit(workload.extractSecondsPerFile(), true),
                SeedWorkload.CLASSIFY, workload.meanSecondsPerUnit(workload.classifySecondsPerItem(), true),
                SeedWorkload.VALIDATE, workload.meanSecondsPerUnit(workload.validateSeconds(), false),
                SeedWorkload.GENERATE, workload.meanSecondsPerUnit(workload.generateSeconds(), false));
        double pace = checkpoint.trace().pace();
        double total = 0.0;
        for (StepDefinition step : SeedWorkload.PIPELINE.steps()) {
            StepRecord record = job.step(step.name()).orElseThrow();
            if (step.isReviewGate() || record.status().isDone()) {
                continue;
            }
            double perUnit = meanPerUnit.get(step.name()) * pace;
            long units = checkpoint.trace().unitSecondsOf(step.name()).length;
            if (record.status() == StepStatus.PENDING) {
                total += perUnit * units;
            } else if (record.unitsTotal() > 0) {
                total += perUnit * (record.unitsTotal() - record.unitsDone());
            } else {
                double elapsed = Duration.between(record.startedAt().orElseThrow(), checkpoint.now()).toNanos() / 1e9;
                total += Math.max(0.0, perUnit * units - elapsed);
            }
        }
        return total;
    }
}
