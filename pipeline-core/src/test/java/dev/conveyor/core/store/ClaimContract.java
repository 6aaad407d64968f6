package dev.conveyor.core.store;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Lease;
import dev.conveyor.model.WorkerId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static dev.conveyor.core.store.JobBuilder.T0;
import static dev.conveyor.core.store.JobBuilder.aJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Workers claim queued jobs, oldest first, each job by one worker only. */
abstract class ClaimContract extends StoreContractSupport {

    @Test
    void onlyQueuedJobsThatAreProcessingAreClaimed() {
        Job queued = stored(aJob().queuedAt(T0));
        stored(aJob());
        stored(aJob().withStatus(JobStatus.QUEUED).processing(false));
        stored(aJob().runningBy(WORKER_B, T0.plusSeconds(60)));
        stored(aJob().withStatus(JobStatus.AWAITING_REVIEW));
        stored(aJob().finished(JobStatus.COMPLETED, T0));

        List<Job> claimed = store.claim(WORKER_A, PIPELINES, 10, T0.plusSeconds(1), LEASE);

        assertEquals(List.of(queued.id()), ids(claimed));
    }

    @Test
    void aWorkerClaimsOnlyJobsOfThePipelinesItCanRun() {
        Job other = stored(aJob().forPipeline("invoices").queuedAt(T0));
        Job mine = stored(aJob().queuedAt(T0.plusSeconds(1)));

        List<Job> claimed = store.claim(WORKER_A, PIPELINES, 10, T0.plusSeconds(5), LEASE);
        List<Job> byInvoiceWorker = store.claim(WORKER_B, Set.of("invoices", "reports"), 10, T0.plusSeconds(5), LEASE);

        assertEquals(List.of(mine.id()), ids(claimed));
        assertEquals(List.of(other.id()), ids(byInvoiceWorker));
    }

    @Test
    void theOldestQueuedJobsAreClaimedFirstUpToTheMaximum() {
        Job newest = stored(aJob().queuedAt(T0.plusSeconds(3)));
        Job oldest = stored(aJob().queuedAt(T0.plusSeconds(1)));
        Job middle = stored(aJob().queuedAt(T0.plusSeconds(2)));

        List<Job> first = store.claim(WORKER_A, PIPELINES, 2, T0.plusSeconds(10), LEASE);
        List<Job> rest = store.claim(WORKER_A, PIPELINES, 2, T0.plusSeconds(10), LEASE);

        assertEquals(List.of(oldest.id(), middle.id()), ids(first));
        assertEquals(List.of(newest.id()), ids(rest));
    }

    @Test
    void aClaimedJobIsRunningUnderTheWorkersLeaseWithANewVersion() {
        Job job = stored(aJob().queuedAt(T0));
        var now = T0.plusSeconds(5);

        Job claimed = store.claim(WORKER_A, PIPELINES, 1, now, LEASE).getFirst();

        Job expected = job.toBuilder().status(JobStatus.RUNNING)
                .lease(Optional.of(new Lease(WORKER_A, now.plus(LEASE)))).version(job.version() + 1).updatedAt(now)
                .build();
        assertEquals(expected, claimed);
        assertEquals(expected, reload(job));
    }

    @Test
    void aClaimedJobIsNotClaimedAgain() {
        stored(aJob().queuedAt(T0));
        store.claim(WORKER_A, PIPELINES, 1, T0, LEASE);

        assertEquals(List.of(), store.claim(WORKER_B, PIPELINES, 10, T0, LEASE));
    }

    @Test
    void anEmptyQueueGivesNoJobs() {
        assertEquals(List.of(), store.claim(WORKER_A, PIPELINES, 10, T0, LEASE));
    }

    @Test
    void aJobPutBackInTheQueueByAnUpdateIsClaimedAgain() {
        Job job = stored(aJob().queuedAt(T0));
        Job running = store.claim(WORKER_A, PIPELINES, 1, T0, LEASE).getFirst();
        store.update(running.toBuilder().status(JobStatus.QUEUED).lease(Optional.empty())
                .updatedAt(T0.plusSeconds(1)).build()).orElseThrow();

        List<Job> claimed = store.claim(WORKER_B, PIPELINES, 1, T0.plusSeconds(2), LEASE);

        assertEquals(List.of(job.id()), ids(claimed));
        assertEquals(Optional.of(WORKER_B), reload(job).lease().map(Lease::owner));
    }

    @Test
    void aQueuedJobCancelledByAnUpdateIsNotClaimed() {
        Job job = stored(aJob().queuedAt(T0));
        store.update(job.toBuilder().status(JobStatus.CANCELLED).processing(false).build()).orElseThrow();

        assertEquals(List.of(), store.claim(WORKER_A, PIPELINES, 10, T0.plusSeconds(1), LEASE));
    }

    @Test
    void fourWorkersClaimingTogetherShareTwoThousandJobsWithoutOverlap() throws Exception {
        int jobs = 2_000;
        Set<JobId> queued = new HashSet<>();
        IntStream.range(0, jobs).forEach(n -> queued.add(stored(aJob().queuedAt(T0.plusMillis(n))).id()));

        List<List<Job>> claimedByWorker;
        try (Race race = new Race(4)) {
            claimedByWorker = race.run(runner -> claimUntilEmpty(new WorkerId("worker-" + runner)));
        }

        List<JobId> all = new ArrayList<>();
        claimedByWorker.forEach(claimed -> all.addAll(ids(claimed)));
        assertEquals(jobs, all.size(), "jobs claimed in total, counting repeats");
        assertEquals(queued, new HashSet<>(all), "every queued job claimed exactly once");
        for (List<Job> claimed : claimedByWorker) {
            for (Job job : claimed) {
                assertEquals(job.lease(), reload(job).lease(), "the stored lease is the claimer's");
            }
        }
    }

    private List<Job> claimUntilEmpty(WorkerId worker) {
        List<Job> claimed = new ArrayList<>();
        List<Job> batch;
        do {
            batch = store.claim(worker, PIPELINES, 10, T0.plusSeconds(10), LEASE);
            claimed.addAll(batch);
        } while (!batch.isEmpty());
        assertTrue(claimed.stream().allMatch(job -> job.status() == JobStatus.RUNNING));
        return claimed;
    }
}
