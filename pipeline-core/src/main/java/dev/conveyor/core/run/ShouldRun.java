package dev.conveyor.core.run;

import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.StepDefinition;

/**
 * Decides whether a step runs, from the step, its record and the job's options alone: completed steps are skipped unless {@code forceReprocess}; steps before
 * {@code startFrom} are skipped; a review gate is skipped under {@code skipReview}.
 */
public final class ShouldRun {

    private ShouldRun() {
    }

    public static Decision decide(PipelineDefinition pipeline, int index, StepRecord record, PipelineOptions options) {
        StepDefinition step = pipeline.steps().get(index);
        if (record.status() == StepStatus.COMPLETED && !options.forceReprocess()) {
            return new Decision.Skip("already completed", true);
        }
        if (options.startFrom().isPresent()) {
            int start = pipeline.indexOf(options.startFrom().get());
            if (start > index) {
                return new Decision.Skip("before start_from '" + options.startFrom().get() + "'", false);
            }
        }
        if (step.isReviewGate() && options.skipReview()) {
            return new Decision.Skip("review skipped", false);
        }
        return Decision.RUN;
    }
}
