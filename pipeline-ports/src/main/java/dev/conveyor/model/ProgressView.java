package dev.conveyor.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a frontend polling every 2 s sees: exactly the fields of seed 000's progress response, with
 * {@code job_id} for {@code project_id} and {@code cost_so_far_usd} for {@code llm_cost_so_far_usd}.
 * Built from the stored job by formatting alone.
 *
 * @param status                    the seeds' status name: {@code classifying} while step {@code classify}
 *                                  runs, else the job status ({@code queued}, {@code awaiting_review}, …)
 * @param estimatedRemainingSeconds empty when nothing can be said
 */
public record ProgressView(JobId jobId, String status, int pipelineProgress, Optional<String> currentStep,
                           List<StepView> steps, boolean isProcessing, Optional<UserError> error,
                           Optional<Long> estimatedRemainingSeconds, double costSoFarUsd) {

    public ProgressView {
        Objects.requireNonNull(jobId, "jobId must not be null");
        Objects.requireNonNull(status, "status must not be null");
        Objects.requireNonNull(currentStep, "currentStep must not be null");
        Objects.requireNonNull(error, "error must not be null");
        Objects.requireNonNull(estimatedRemainingSeconds, "estimatedRemainingSeconds must not be null");
        steps = List.copyOf(steps);
    }

    /** One entry of {@code steps[]}. */
    public record StepView(String name, StepStatus status, Optional<Instant> startedAt,
                           Optional<Instant> completedAt, Optional<Long> durationMs) {
        public StepView {
            Objects.requireNonNull(name, "name must not be null");
            Objects.requireNonNull(status, "status must not be null");
        }
    }
}
