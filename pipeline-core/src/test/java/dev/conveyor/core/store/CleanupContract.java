package dev.conveyor.core.store;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobQuery;
import dev.conveyor.model.JobStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.conveyor.core.store.JobBuilder.T0;
import static dev.conveyor.core.store.JobBuilder.aJob;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Time-to-live cleanup removes finished jobs once they are old enough, and jobs that wait on someone (created but
 * never started, awaiting review) once they are older than the longer idle TTL; never a queued or running job; a
 * bounded batch per call.
 */
abstract class CleanupContract extends StoreContractSupport {

    private static final Instant CUTOFF = T0.plusSeconds(3_600);
    /** No idle job is older than this: only finished jobs expire. */
    private static final Instant NO_IDLE = T0;
    private static final int ALL = 1_000;

    @Test
    void onlyFinishedJobsOlderThanTheCutoffAreDeleted() {
        Job completed = stored(aJob().finished(JobStatus.COMPLETED, CUTOFF.minusSeconds(1)));
        Job failed = stored(aJob().finished(JobStatus.FAILED, T0));
        Job cancelled = stored(aJob().finished(JobStatus.CANCELLED, T0));
        Job finishedAtCutoff = stored(aJob().finished(JobStatus.COMPLETED, CUTOFF));
        Job finishedLater = stored(aJob().finished(JobStatus.COMPLETED, CUTOFF.plusSeconds(1)));
        List<Job> unfinished = List.of(
                stored(aJob()),
                stored(aJob().queuedAt(T0)),
                stored(aJob().runningBy(WORKER_A, T0.plusSeconds(30))),
                stored(aJob().withStatus(JobStatus.AWAITING_REVIEW)));

        int deleted = store.deleteExpired(CUTOFF, NO_IDLE, ALL);

        assertEquals(3, deleted);
        for (Job gone : List.of(completed, failed, cancelled)) {
            assertEquals(Optional.empty(), store.find(gone.tenant(), gone.id()));
        }
        assertEquals(finishedAtCutoff, reload(finishedAtCutoff));
        assertEquals(finishedLater, reload(finishedLater));
        unfinished.forEach(job -> assertEquals(job, reload(job)));
    }

    @Test
    void aFinishedJobWithoutAFinishTimeAgesFromItsLastUpdate() {
        Job old = stored(aJob().withStatus(JobStatus.COMPLETED).updatedAt(T0));
        Job recent = stored(aJob().withStatus(JobStatus.COMPLETED).updatedAt(CUTOFF));

        assertEquals(1, store.deleteExpired(CUTOFF, NO_IDLE, ALL));
        assertEquals(Optional.empty(), store.find(old.tenant(), old.id()));
        assertEquals(recent, reload(recent));
    }

    @Test
    void aJobThatFinishedThroughAnUpdateIsDeletedAndNoLongerListed() {
        Job job = stored(aJob().runningBy(WORKER_A, T0.plusSeconds(30)));
        Job kept = stored(aJob().createdAt(T0.plusSeconds(1)));
        store.update(job.toBuilder().status(JobStatus.COMPLETED).processing(false).lease(Optional.empty())
                .finishedAt(Optional.of(T0.plusSeconds(5))).build()).orElseThrow();

        assertEquals(1, store.deleteExpired(CUTOFF, NO_IDLE, ALL));
        assertEquals(0, store.deleteExpired(CUTOFF, NO_IDLE, ALL), "nothing is left to delete");
        assertEquals(List.of(kept), store.list(job.tenant(), JobQuery.firstPage(10)).jobs());
    }

    @Test
    void jobsWaitingOnSomeoneExpireAfterTheIdleTtlFromTheirLastChange() {
        Job created = stored(aJob().updatedAt(T0));
        Job awaitingReview = stored(aJob().withStatus(JobStatus.AWAITING_REVIEW).updatedAt(T0.plusSeconds(10)));
        Job reviewedLater = stored(aJob().withStatus(JobStatus.AWAITING_REVIEW).updatedAt(T0.plusSeconds(20)));
        Job queued = stored(aJob().queuedAt(T0));
        Job running = stored(aJob().runningBy(WORKER_A, T0.plusSeconds(1)));

        int deleted = store.deleteExpired(T0, T0.plusSeconds(20), ALL);

        assertEquals(2, deleted);
        for (Job gone : List.of(created, awaitingReview)) {
            assertEquals(Optional.empty(), store.find(gone.tenant(), gone.id()));
        }
        assertEquals(reviewedLater, reload(reviewedLater));
        assertEquals(queued, reload(queued), "a queued job never expires");
        assertEquals(running, reload(running), "a running job never expires");
    }

    @Test
    void aCallRemovesAtMostItsBatchAndTheNextOneGoesOn() {
        for (int i = 0; i < 5; i++) {
            stored(aJob().finished(JobStatus.COMPLETED, T0.plusSeconds(i)));
        }
        stored(aJob().updatedAt(T0));

        assertEquals(2, store.deleteExpired(CUTOFF, CUTOFF, 2));
        assertEquals(2, store.deleteExpired(CUTOFF, CUTOFF, 2));
        assertEquals(2, store.deleteExpired(CUTOFF, CUTOFF, 2), "the last finished job, then the idle one");
        assertEquals(0, store.deleteExpired(CUTOFF, CUTOFF, 2));
    }
}
