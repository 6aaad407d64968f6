package dev.conveyor.core.service;

import dev.conveyor.core.hooks.AuditTypes;
import dev.conveyor.core.hooks.Hooks;
import dev.conveyor.core.run.RunningJobs;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobRef;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.TenantId;
import dev.conveyor.model.UserError;
import dev.conveyor.port.in.Outcome;
import dev.conveyor.port.out.EngineEvents;
import dev.conveyor.port.out.JobStore;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Cancels a job. A job no worker runs is cancelled at once; a running one is marked, and its worker stops
 * the step co-operatively (directly when it runs in this process, else at its next lease renewal).
 */
final class Cancellation {

    private static final int MAX_RACES = 16;
    private static final UserError CANCELLED = UserError.of("cancelled", "The job was cancelled.");

    private final JobStore store;
    private final RunningJobs running;
    private final Hooks hooks;
    private final Clock clock;
    private final EngineEvents events;

    Cancellation(JobStore store, RunningJobs running, Hooks hooks, Clock clock, EngineEvents events) {
        this.store = store;
        this.running = running;
        this.hooks = hooks;
        this.clock = clock;
        this.events = events;
    }

    Outcome<Job> cancel(TenantId tenant, JobId id) {
        for (int race = 0; race < MAX_RACES; race++) {
            Optional<Job> found = store.find(tenant, id);
            if (found.isEmpty()) {
                return Rejections.notFound(id);
            }
            Job job = found.get();
            Optional<Job> done = switch (job.status()) {
                case COMPLETED, CANCELLED -> Optional.of(job);
                case RUNNING -> requestStop(job);
                case CREATED, QUEUED, AWAITING_REVIEW, FAILED -> cancelNow(job);
            };
            if (job.status() == JobStatus.COMPLETED || job.status() == JobStatus.CANCELLED) {
                return Rejections.wrongState("cancel", job.status(), "it has already finished.");
            }
            if (done.isPresent()) {
                return Outcome.accepted(done.get());
            }
        }
        return Rejections.alreadyProcessing(id);
    }

    private Optional<Job> requestStop(Job job) {
        if (job.cancelRequested()) {
            running.stop(JobRef.of(job), RunningJobs.CANCEL);
            return Optional.of(job);
        }
        Optional<Job> marked = store.update(job.toBuilder().cancelRequested(true).updatedAt(clock.instant()).build());
        marked.ifPresent(m -> {
            running.stop(JobRef.of(m), RunningJobs.CANCEL);
            hooks.audit(m, AuditTypes.CANCEL_REQUESTED, () -> Payload.empty());
        });
        return marked;
    }

    private Optional<Job> cancelNow(Job job) {
        Instant now = clock.instant();
        List<StepRecord> steps = job.steps().stream()
                .map(step -> step.status() == StepStatus.RUNNING
                        ? step.fail(now, CANCELLED, step.unitsDone(), step.unitsTotal(), step.costUsd())
                        : step)
                .toList();
        Optional<Job> cancelled = store.update(job.toBuilder().status(JobStatus.CANCELLED).processing(false)
                .steps(steps).lease(Optional.empty()).estimatedCompletionAt(Optional.empty())
                .finishedAt(Optional.of(now)).updatedAt(now).build());
        cancelled.ifPresent(c -> {
            hooks.audit(c, AuditTypes.CANCELLED, () -> Payload.of("from", job.status().wireName()));
            events.jobCancelled(c.pipeline());
        });
        return cancelled;
    }
}
