package dev.conveyor.bench;

import dev.conveyor.model.Job;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.StepDefinition;

/**
 * {@code pipeline_progress} as the progress view shows it: the weights of finished (completed or skipped) steps
 * plus the running step's weight times its fraction, over the total weight, in percent; unrounded.
 */
final class PipelineProgress {

    private PipelineProgress() {
    }

    static double of(PipelineDefinition pipeline, Job job) {
        double done = 0.0;
        for (StepDefinition step : pipeline.steps()) {
            StepRecord record = job.step(step.name()).orElseThrow();
            if (record.status().isDone()) {
                done += step.weight();
            } else if (record.status() == StepStatus.RUNNING) {
                done += step.weight() * record.fraction().orElse(0.0);
            }
        }
        return 100.0 * done / pipeline.totalWeight();
    }
}
