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

/** Time-to-live cleanup removes finished jobs only, and only once they are old enough. */
abstract class CleanupContract extends StoreContractSupport {

    private static final Instant CUTOFF = T0.plusSeconds(3_600);

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

        int deleted = store.deleteFinishedBefore(CUTOFF);

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

        assertEquals(1, store.deleteFinishedBefore(CUTOFF));
        assertEquals(Optional.empty(), store.find(old.tenant(), old.id()));
        assertEquals(recent, reload(recent));
    }

    @Test
    void aJobThatFinishedThroughAnUpdateIsDeletedAndNoLongerListed() {
        Job job = stored(aJob().runningBy(WORKER_A, T0.plusSeconds(30)));
        Job kept = stored(aJob().createdAt(T0.plusSeconds(1)));
        store.update(job.toBuilder().status(JobStatus.COMPLETED).processing(false).lease(Optional.empty())
                .finishedAt(Optional.of(T0.plusSeconds(5))).build()).orElseThrow();

        assertEquals(1, store.deleteFinishedBefore(CUTOFF));
        assertEquals(0, store.deleteFinishedBefore(CUTOFF), "nothing is left to delete");
        assertEquals(List.of(kept), store.list(job.tenant(), JobQuery.firstPage(10)).jobs());
    }
}
