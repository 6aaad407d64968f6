package dev.conveyor.core.service;

import dev.conveyor.core.lifecycle.Lifecycle;
import dev.conveyor.core.run.Progress;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.pipeline.PipelineDefinition;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns a job into one queued for a new run: completed steps keep their results (unless the job forces
 * reprocessing); failed, interrupted and skipped steps go back to pending; should-run decides the rest.
 * Every step's spend is kept (a reset moves it to the step's earlier cost), so the job's cost never goes down;
 * a retry's progress starts where the failed run's stopped, a re-process's from its kept steps.
 */
final class RunPreparation {

    private RunPreparation() {
    }

    static Job newRun(Job job, PipelineDefinition pipeline, Instant now) {
        Lifecycle.check(job.status(), JobStatus.QUEUED);
        boolean force = job.options().forceReprocess();
        List<StepRecord> steps = job.steps().stream()
                .map(step -> force || step.status() != StepStatus.COMPLETED ? step.reset() : step)
                .toList();
        int progress = force ? Progress.of(pipeline, steps) : Progress.atLeast(job, pipeline, steps);
        Job.Builder next = job.toBuilder().steps(steps).progress(progress)
                .costUsd(Math.max(job.costUsd(), steps.stream().mapToDouble(StepRecord::totalCostUsd).sum()));
        if (force) {
            next.reviewItems(List.of()).reviewDecisions(List.of());
        }
        return queued(next, now).startedAt(Optional.of(now)).build();
    }

    /**
     * The shared part of every way into the queue: processing, no error, no lease, no cancel pending, no lost
     * workers counted against it (a retry of a {@code worker_lost} job runs its step again).
     */
    static Job.Builder queued(Job.Builder next, Instant now) {
        return next.status(JobStatus.QUEUED).processing(true).error(Optional.empty()).cancelRequested(false)
                .workerLosses(0)
                .lease(Optional.empty()).currentStep(Optional.empty()).finishedAt(Optional.empty()).updatedAt(now);
    }
}
