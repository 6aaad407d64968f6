package dev.conveyor.core.store;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static dev.conveyor.core.store.JobBuilder.T0;
import static dev.conveyor.core.store.JobBuilder.aJob;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The queue's age and depth: when the job that has waited longest for a worker was queued, and how many wait, across
 * tenants and pipelines.
 */
abstract class OldestQueuedContract extends StoreContractSupport {

    @Test
    void nothingWaitsInAnEmptyStore() {
        assertEquals(Optional.empty(), store.oldestQueuedAt());
    }

    @Test
    void onlyJobsWaitingForAWorkerCount() {
        stored(aJob());
        stored(aJob().withStatus(JobStatus.QUEUED).processing(false).updatedAt(T0.minusSeconds(60)));
        stored(aJob().runningBy(WORKER_B, T0.plusSeconds(60)).updatedAt(T0.minusSeconds(50)));
        stored(aJob().withStatus(JobStatus.AWAITING_REVIEW).updatedAt(T0.minusSeconds(40)));
        stored(aJob().finished(JobStatus.COMPLETED, T0.minusSeconds(30)));
        stored(aJob().queuedAt(T0.plusSeconds(5)));

        assertEquals(Optional.of(T0.plusSeconds(5)), store.oldestQueuedAt());
        assertEquals(1, store.queuedCount(), "only the job waiting for a worker is in the queue's depth");
    }

    @Test
    void theQueueDepthCountsWaitingJobsOfEveryTenantAndPipeline() {
        assertEquals(0, store.queuedCount());
        stored(aJob().forTenant("acme").queuedAt(T0.plusSeconds(3)));
        stored(aJob().forTenant("globex").forPipeline("invoices").queuedAt(T0.plusSeconds(1)));
        stored(aJob().forTenant("initech").queuedAt(T0.plusSeconds(2)));

        assertEquals(3, store.queuedCount());
    }

    @Test
    void theOldestOfAnyTenantAndPipelineIsTheAnswer() {
        stored(aJob().forTenant("acme").queuedAt(T0.plusSeconds(3)));
        stored(aJob().forTenant("globex").forPipeline("invoices").queuedAt(T0.plusSeconds(1)));
        stored(aJob().forTenant("initech").queuedAt(T0.plusSeconds(2)));

        assertEquals(Optional.of(T0.plusSeconds(1)), store.oldestQueuedAt());
    }

    @Test
    void aClaimedJobNoLongerWaits() {
        stored(aJob().queuedAt(T0.plusSeconds(1)));
        Job later = stored(aJob().queuedAt(T0.plusSeconds(2)));

        store.claim(WORKER_A, PIPELINES, 1, T0.plusSeconds(10), LEASE);

        assertEquals(Optional.of(T0.plusSeconds(2)), store.oldestQueuedAt());
        assertEquals(1, store.queuedCount());
        store.claim(WORKER_A, Set.of(later.pipeline()), 1, T0.plusSeconds(10), LEASE);
        assertEquals(Optional.empty(), store.oldestQueuedAt());
        assertEquals(0, store.queuedCount());
    }

    @Test
    void aJobWhoseLeaseExpiredWaitsFromItsRequeue() {
        stored(aJob().runningBy(WORKER_B, T0.plusSeconds(30)));

        store.requeueExpired(T0.plusSeconds(45));

        assertEquals(Optional.of(T0.plusSeconds(45)), store.oldestQueuedAt());
    }
}
