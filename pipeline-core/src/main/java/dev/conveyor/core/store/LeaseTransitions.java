package dev.conveyor.core.store;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Lease;
import dev.conveyor.model.ProgressUpdate;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.WorkerId;

import java.time.Instant;
import java.util.Optional;

/**
 * The changes a store makes to a job on a worker's behalf (claim, renewal, expiry, in-step progress), as pure
 * functions. Each returns empty when the job is not in the state the change needs.
 */
final class LeaseTransitions {

    private LeaseTransitions() {
    }

    static Optional<Job> claim(Job job, WorkerId worker, Instant now, Instant leaseUntil) {
        if (!JobIndexes.isClaimable(job)) {
            return Optional.empty();
        }
        return Optional.of(job.toBuilder().status(JobStatus.RUNNING).lease(Optional.of(new Lease(worker, leaseUntil)))
                .version(job.version() + 1).updatedAt(now).build());
    }

    /** Extends the lease without a new version: renewals are frequent and must not conflict with real updates. */
    static Optional<Job> renew(Job job, WorkerId worker, Instant leaseUntil) {
        if (!isRunningFor(job, worker)) {
            return Optional.empty();
        }
        return Optional.of(job.toBuilder().lease(Optional.of(new Lease(worker, leaseUntil))).build());
    }

    /**
     * Back to the queue, still processing, so another worker resumes it at the step that was running; the loss of
     * its worker is counted, so that a step that keeps killing its worker ends failed rather than looping.
     */
    static Optional<Job> requeueIfExpired(Job job, Instant now) {
        boolean expired = job.status() == JobStatus.RUNNING
                && job.lease().map(lease -> lease.isExpiredAt(now)).orElse(false);
        if (!expired) {
            return Optional.empty();
        }
        return Optional.of(job.toBuilder().status(JobStatus.QUEUED).lease(Optional.empty())
                .workerLosses(job.workerLosses() + 1).version(job.version() + 1).updatedAt(now).build());
    }

    /** Writes in-step progress without a new version or update time: it must never make a real update stale. */
    static Optional<Job> progress(Job job, WorkerId worker, ProgressUpdate update) {
        int index = job.indexOf(update.stepName());
        if (!isRunningFor(job, worker) || index < 0 || job.steps().get(index).status() != StepStatus.RUNNING) {
            return Optional.empty();
        }
        StepRecord stored = job.steps().get(index);
        StepRecord step = stored.withUnits(update.unitsDone(), update.unitsTotal()).withCost(update.stepCostUsd())
                .withUnitPace(update.unitPace());
        return Optional.of(job.toBuilder().step(index, step).progress(update.progress()).costUsd(update.jobCostUsd())
                .estimatedCompletionAt(update.estimatedCompletionAt()).build());
    }

    private static boolean isRunningFor(Job job, WorkerId worker) {
        return job.status() == JobStatus.RUNNING && job.lease().map(lease -> lease.isHeldBy(worker)).orElse(false);
    }
}
