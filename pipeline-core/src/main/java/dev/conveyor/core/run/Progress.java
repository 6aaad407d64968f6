package dev.conveyor.core.run;

import dev.conveyor.model.Job;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.pipeline.PipelineDefinition;

import java.util.List;

/**
 * Overall progress 0–100: the weights of finished steps plus the running step's weight times its fraction,
 * over the pipeline's total weight. 100 only once every step is done.
 */
public final class Progress {

    private Progress() {
    }

    public static int of(PipelineDefinition pipeline, List<StepRecord> steps) {
        double total = pipeline.totalWeight();
        double done = 0;
        boolean allDone = true;
        for (int i = 0; i < steps.size(); i++) {
            StepRecord step = steps.get(i);
            int weight = pipeline.steps().get(i).weight();
            if (step.status().isDone() || step.status() == StepStatus.FAILED) {
                done += weight;
            } else {
                allDone = false;
                if (step.status() == StepStatus.RUNNING) {
                    done += weight * step.fraction().orElse(0.0);
                }
            }
        }
        int percent = (int) Math.floor(done * 100.0 / total);
        return allDone ? 100 : Math.min(99, percent);
    }

    /** Progress of the job as it would be with these steps, never below what it already showed. */
    public static int atLeast(Job job, PipelineDefinition pipeline, List<StepRecord> steps) {
        return Math.max(job.progress(), of(pipeline, steps));
    }
}
