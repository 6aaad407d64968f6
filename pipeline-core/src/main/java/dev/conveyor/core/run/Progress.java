package dev.conveyor.core.run;

import dev.conveyor.model.Job;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.pipeline.PipelineDefinition;

import java.util.List;

/**
 * Overall progress 0–100: the weights of finished steps plus the running step's weight times its fraction,
 * over the pipeline's total weight. 100 only once every step is done. A running step that reported no units
 * may be given a fraction of its time instead ({@link Standing}).
 */
public final class Progress {

    private Progress() {
    }

    public static int of(PipelineDefinition pipeline, List<StepRecord> steps) {
        return of(pipeline, steps, 0.0);
    }

    /** As {@link #of(PipelineDefinition, List)}, a running step without units counting {@code timeFraction} done. */
    public static int of(PipelineDefinition pipeline, List<StepRecord> steps, double timeFraction) {
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
                    done += weight * step.fraction().orElse(timeFraction);
                }
            }
        }
        // a whole percent reached in decimal arithmetic (0.3 s of 1.5 s) must not read one below it
        int percent = (int) Math.floor(done * 100.0 / total + 1e-9);
        return allDone ? 100 : Math.min(99, percent);
    }

    /** Progress of the job as it would be with these steps, never below what it already showed. */
    public static int atLeast(Job job, PipelineDefinition pipeline, List<StepRecord> steps) {
        return Math.max(job.progress(), of(pipeline, steps));
    }
}
