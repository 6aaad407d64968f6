package dev.conveyor.core.store;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobRef;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Lease;
import dev.conveyor.model.LeaseRenewal;
import dev.conveyor.model.TenantId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.conveyor.core.store.JobBuilder.T0;
import static dev.conveyor.core.store.JobBuilder.aJob;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Workers keep their jobs by renewing leases; a dead worker's jobs go back to the queue. */
abstract class LeaseContract extends StoreContractSupport {

    @Test
    void renewingExtendsTheLeaseWithoutANewVersion() {
        Job job = stored(aJob().runningBy(WORKER_A, T0.plusSeconds(30)));
        Instant now = T0.plusSeconds(20);

        LeaseRenewal renewal = store.renewLeases(WORKER_A, List.of(JobRef.of(job)), now, LEASE);

        assertEquals(new LeaseRenewal(Set.of(), Set.of()), renewal);
        Job renewed = reload(job);
        assertEquals(Optional.of(new Lease(WORKER_A, now.plus(LEASE))), renewed.lease());
        assertEquals(job.version(), renewed.version());
        assertEquals(job.updatedAt(), renewed.updatedAt());
    }

    @Test
    void jobsTheWorkerNoLongerHoldsAreReportedLost() {
        Job held = stored(aJob().runningBy(WORKER_A, T0.plusSeconds(30)));
        Job takenByAnother = stored(aJob().runningBy(WORKER_B, T0.plusSeconds(30)));
        Job finished = stored(aJob().finished(JobStatus.COMPLETED, T0));
        JobRef deleted = new JobRef(TenantId.of("acme"), JobId.random());

        LeaseRenewal renewal = store.renewLeases(WORKER_A,
                List.of(JobRef.of(held), JobRef.of(takenByAnother), JobRef.of(finished), deleted), T0, LEASE);

        assertEquals(Set.of(JobRef.of(takenByAnother), JobRef.of(finished), deleted), renewal.lost());
        assertEquals(takenByAnother, reload(takenByAnother), "another worker's lease is untouched");
    }

    @Test
    void heldJobsWithACancelRequestAreReportedAndStillRenewed() {
        Job job = stored(aJob().runningBy(WORKER_A, T0.plusSeconds(30)));
        store.update(job.toBuilder().cancelRequested(true).build()).orElseThrow();

        LeaseRenewal renewal = store.renewLeases(WORKER_A, List.of(JobRef.of(job)), T0.plusSeconds(10), LEASE);

        assertEquals(new LeaseRenewal(Set.of(), Set.of(JobRef.of(job))), renewal);
        assertEquals(T0.plusSeconds(10).plus(LEASE), reload(job).lease().orElseThrow().expiresAt());
    }

    @Test
    void onlyRunningJobsWhoseLeaseExpiredAreRequeued() {
        Job expired = stored(aJob().runningBy(WORKER_A, T0.plusSeconds(10)));
        Job expiringNow = stored(aJob().runningBy(WORKER_A, T0.plusSeconds(20)));
        Job alive = stored(aJob().runningBy(WORKER_A, T0.plusSeconds(21)));
        Job pausedWithOldLease = stored(aJob().runningBy(WORKER_A, T0.plusSeconds(5))
                .withStatus(JobStatus.AWAITING_REVIEW));
        Instant now = T0.plusSeconds(20);

        int requeued = store.requeueExpired(now);

        assertEquals(2, requeued);
        for (Job job : List.of(expired, expiringNow)) {
            Job expected = job.toBuilder().status(JobStatus.QUEUED).lease(Optional.empty()).workerLosses(1)
                    .version(job.version() + 1).updatedAt(now).build();
            assertEquals(expected, reload(job), "a requeued job keeps its steps, stays processing and counts the "
                    + "loss of its worker");
        }
        assertEquals(alive, reload(alive));
        assertEquals(pausedWithOldLease, reload(pausedWithOldLease));
    }

    @Test
    void nothingIsRequeuedWhileLeasesAreValid() {
        Job job = stored(aJob().runningBy(WORKER_A, T0.plusSeconds(30)));

        assertEquals(0, store.requeueExpired(T0.plusSeconds(29)));
        assertEquals(job, reload(job));
    }

    @Test
    void aRequeuedJobIsClaimedByAnotherWorkerAndTheDeadWorkerLosesIt() {
        Job job = stored(aJob().queuedAt(T0));
        store.claim(WORKER_A, PIPELINES, 1, T0, Duration.ofSeconds(10));
        store.requeueExpired(T0.plusSeconds(10));

        List<Job> claimed = store.claim(WORKER_B, PIPELINES, 1, T0.plusSeconds(11), LEASE);
        LeaseRenewal lateRenewal = store.renewLeases(WORKER_A, List.of(JobRef.of(job)), T0.plusSeconds(12), LEASE);

        assertEquals(List.of(job.id()), ids(claimed));
        assertEquals(Set.of(JobRef.of(job)), lateRenewal.lost());
        assertEquals(new Lease(WORKER_B, T0.plusSeconds(11).plus(LEASE)), reload(job).lease().orElseThrow());
    }

    @Test
    void aRenewedLeaseIsNoLongerRequeuedAtItsOldExpiry() {
        Job job = stored(aJob().runningBy(WORKER_A, T0.plusSeconds(10)));
        store.renewLeases(WORKER_A, List.of(JobRef.of(job)), T0.plusSeconds(5), LEASE);

        assertEquals(0, store.requeueExpired(T0.plusSeconds(10)));
        assertEquals(JobStatus.RUNNING, reload(job).status());
    }

    @Test
    void everyExpiryOfTheSameRunCountsOneMoreLostWorker() {
        Job job = stored(aJob().queuedAt(T0));
        for (int loss = 1; loss <= 3; loss++) {
            Instant claimedAt = T0.plusSeconds(100L * loss);
            store.claim(WORKER_A, PIPELINES, 1, claimedAt, Duration.ofSeconds(10));
            assertEquals(1, store.requeueExpired(claimedAt.plusSeconds(10)));
            assertEquals(loss, reload(job).workerLosses());
        }
        Job cleared = store.update(reload(job).toBuilder().workerLosses(0).build()).orElseThrow();
        assertEquals(0, reload(cleared).workerLosses(), "a full update writes the count, as a step's end clears it");
    }
}
