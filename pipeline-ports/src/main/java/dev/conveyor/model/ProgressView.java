package dev.conveyor.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a frontend polling every 2 s sees: status, per-step status and timings, percent, ETA and cost so far,
 * and what a user watching a step that departs from its plan needs besides. Built from one stored job and the clock, by arithmetic alone.
 *
 * @param status                    the seeds' status name: {@code classifying} while step {@code classify}
 *                                  runs, else the job status ({@code queued}, {@code awaiting_review}, …)
 * @param pipelineProgress          0–100; a running step without unit reports moves its share with elapsed over
 *                                  expected time, up to 90 % of it
 * @param estimatedRemainingSeconds empty when nothing can be said
 * @param estimatedCompletionAt     when the job is expected to finish, at the moment of reading; empty as above
 * @param statusDetail              {@value #STALLED} while the running step has reported no units for three
 *                                  times its usual longest or half its timeout, else {@value #LONGER_THAN_USUAL}
 *                                  while it has run past 95 % of its learned durations
 * @param unit                      what the running step counts ({@code files}, {@code items}), when its
 *                                  estimate names it
 * @param costSoFarUsd              everything the job has spent, over all its runs
 */
public record ProgressView(JobId jobId, String status, int pipelineProgress, Optional<String> currentStep,
                           List<StepView> steps, boolean isProcessing, Optional<UserError> error,
                           Optional<Long> estimatedRemainingSeconds, Optional<Instant> estimatedCompletionAt,
                           Optional<String> statusDetail, Optional<String> unit, double costSoFarUsd) {

    /** The status detail of a step running past 95 % of its learned durations. */
    public static final String LONGER_THAN_USUAL = "taking longer than usual";
    /** The status detail of a step that reports nothing and runs far past its learned time or half its timeout. */
    public static final String STALLED = "stalled";

    public ProgressView {
        Objects.requireNonNull(jobId, "jobId must not be null");
        Objects.requireNonNull(status, "status must not be null");
        Objects.requireNonNull(currentStep, "currentStep must not be null");
        Objects.requireNonNull(error, "error must not be null");
        Objects.requireNonNull(estimatedRemainingSeconds, "estimatedRemainingSeconds must not be null");
        Objects.requireNonNull(estimatedCompletionAt, "estimatedCompletionAt must not be null");
        Objects.requireNonNull(statusDetail, "statusDetail must not be null");
        Objects.requireNonNull(unit, "unit must not be null");
        steps = List.copyOf(steps);
    }

    /**
     * One entry of {@code steps[]}.
     *
     * @param unitsDone  units of work done, when the step reported any ({@code unitsTotal} above 0)
     * @param unitsTotal units of work in all, when the step reported them
     */
    public record StepView(String name, StepStatus status, Optional<Instant> startedAt,
                           Optional<Instant> completedAt, Optional<Long> durationMs, Optional<Long> unitsDone,
                           Optional<Long> unitsTotal) {
        public StepView {
            Objects.requireNonNull(name, "name must not be null");
            Objects.requireNonNull(status, "status must not be null");
            Objects.requireNonNull(unitsDone, "unitsDone must not be null");
            Objects.requireNonNull(unitsTotal, "unitsTotal must not be null");
        }
    }
}
