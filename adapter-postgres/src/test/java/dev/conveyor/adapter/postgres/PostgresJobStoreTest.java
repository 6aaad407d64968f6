package dev.conveyor.adapter.postgres;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobPage;
import dev.conveyor.model.JobQuery;
import dev.conveyor.model.JobRef;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.LeaseRenewal;
import dev.conveyor.model.Payload;
import dev.conveyor.model.ProgressUpdate;
import dev.conveyor.model.ReviewDecision;
import dev.conveyor.model.ReviewItem;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.TenantId;
import dev.conveyor.model.UserError;
import dev.conveyor.model.WorkerId;
import dev.conveyor.port.out.JobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresJobStoreTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static PostgresConfig config;
    private static PostgresStores stores;

    private final WorkerId worker = new WorkerId("worker-a");
    private TenantId tenant;
    private JobStore store;

    @BeforeAll
    static void connect() {
        config = TestDatabase.freshSchema(PostgresJobStoreTest.class);
        stores = TestDatabase.connect(config);
    }

    @AfterAll
    static void dropSchema() {
        if (stores != null) {
            stores.close();
        }
        TestDatabase.dropSchema(config);
    }

    @BeforeEach
    void freshTenantAndEmptyQueue() {
        tenant = TenantId.of("firm-" + JobId.random().value().toString().substring(0, 8));
        TestDatabase.execute("DELETE FROM " + config.schema() + ".job");
        store = stores.jobStore();
    }

    @Test
    void aJobWithEveryFieldSetReadsBackEqual() {
        Job job = Jobs.created(tenant, Jobs.T0).toBuilder()
                .status(JobStatus.AWAITING_REVIEW)
                .step(0, StepRecord.pending("extract").start(Jobs.T0).complete(Jobs.T0.plusMillis(2500),
                        Payload.of("pages", 12, "title", "Q3"), List.of("page 4 unreadable"), 3, 3, 0.002))
                .step(1, StepRecord.pending("classify").start(Jobs.T0).fail(Jobs.T0.plusSeconds(3),
                        UserError.of("bad_input", "The file is not a PDF."), 1, 20, 0.001))
                .currentStep(Optional.of("review")).progress(35).processing(false)
                .error(Optional.of(UserError.of("bad_input", "The file is not a PDF."))).costUsd(0.003)
                .estimatedCompletionAt(Optional.of(Jobs.T0.plusSeconds(60)))
                .reviewItems(List.of(new ReviewItem("i1", 0.4, "Invoice total", "classify")))
                .reviewDecisions(List.of(ReviewDecision.reject("i1", "wrong total"), ReviewDecision.approve("i2")))
                .cancelRequested(true).startedAt(Optional.of(Jobs.T0)).finishedAt(Optional.of(Jobs.T0.plusSeconds(9)))
                .options(dev.conveyor.model.PipelineOptions.defaults().withStartFrom("classify")
                        .withSkipReview(true).withContinuePastFailure(Set.of("validate")))
                .build();

        store.insert(job);

        assertEquals(Optional.of(job), store.find(tenant, job.id()));
    }

    @Test
    void anotherTenantSeesNoJobAndCannotChangeIt() {
        Job job = Jobs.created(tenant, Jobs.T0);
        store.insert(job);
        TenantId other = TenantId.of("someone-else");

        assertEquals(Optional.empty(), store.find(other, job.id()));
        assertEquals(Optional.empty(), store.update(Jobs.ownedBy(other, job.toBuilder().progress(5).build())));
        assertEquals(Optional.empty(), store.startIfIdle(Jobs.ownedBy(other, job)));
        assertEquals(Optional.of(job), store.find(tenant, job.id()));
    }

    @Test
    void insertingAnExistingIdIsRefused() {
        Job job = Jobs.created(tenant, Jobs.T0);
        store.insert(job);

        assertThrows(IllegalStateException.class, () -> store.insert(job));
    }

    @Test
    void updateIsACompareAndSetOnTheVersion() {
        Job job = Jobs.created(tenant, Jobs.T0);
        store.insert(job);

        Optional<Job> first = store.update(job.toBuilder().progress(10).build());
        Optional<Job> stale = store.update(job.toBuilder().progress(20).build());

        assertEquals(1, first.orElseThrow().version());
        assertEquals(Optional.empty(), stale);
        assertEquals(first, store.find(tenant, job.id()));
    }

    @Test
    void startIfIdleRefusesAJobAlreadyProcessing() {
        Job processing = Jobs.queued(tenant, Jobs.T0);
        store.insert(processing);

        assertEquals(Optional.empty(), store.startIfIdle(processing.toBuilder().status(JobStatus.QUEUED).build()));
        assertEquals(0, store.find(tenant, processing.id()).orElseThrow().version());
    }

    @Test
    void claimTakesTheOldestQueuedJobsAndLeasesThem() {
        Job newer = Jobs.queued(tenant, Jobs.T0.plusSeconds(2));
        Job oldest = Jobs.queued(tenant, Jobs.T0);
        Job middle = Jobs.queued(tenant, Jobs.T0.plusSeconds(1));
        store.insert(Jobs.created(tenant, Jobs.T0.minusSeconds(5)));
        List.of(newer, oldest, middle).forEach(store::insert);

        List<Job> claimed = store.claim(worker, 2, Jobs.T0.plusSeconds(10), LEASE);

        assertEquals(List.of(oldest.id(), middle.id()), claimed.stream().map(Job::id).toList());
        Job stored = store.find(tenant, oldest.id()).orElseThrow();
        assertEquals(JobStatus.RUNNING, stored.status());
        assertEquals(Jobs.T0.plusSeconds(40), stored.lease().orElseThrow().expiresAt());
        assertEquals(1, stored.version());
        assertEquals(claimed.getFirst(), stored);
        assertEquals(List.of(newer.id()), store.claim(worker, 5, Jobs.T0.plusSeconds(10), LEASE).stream()
                .map(Job::id).toList());
    }

    @Test
    void progressIsWrittenOnlyForTheLeaseHolderAndTheRunningStep() {
        Job running = runningAtStep(0);
        ProgressUpdate half = new ProgressUpdate("extract", 5, 10, 0.01, 12, 0.01,
                Optional.of(Jobs.T0.plusSeconds(30)), Jobs.T0.plusSeconds(5));

        assertFalse(store.saveProgress(tenant, running.id(), new WorkerId("intruder"), half));
        assertFalse(store.saveProgress(tenant, running.id(), worker,
                new ProgressUpdate("classify", 1, 2, 0, 12, 0, Optional.empty(), Jobs.T0)));
        assertTrue(store.saveProgress(tenant, running.id(), worker, half));

        Job stored = store.find(tenant, running.id()).orElseThrow();
        assertEquals(running.version(), stored.version());
        assertEquals(12, stored.progress());
        assertEquals(0.01, stored.costUsd());
        assertEquals(Optional.of(Jobs.T0.plusSeconds(30)), stored.estimatedCompletionAt());
        StepRecord extract = stored.steps().getFirst();
        assertEquals(5, extract.unitsDone());
        assertEquals(10, extract.unitsTotal());
        assertEquals(0.01, extract.costUsd());
    }

    @Test
    void leasesAreRenewedWithoutAVersionChangeAndLostOnesAreReported() {
        Job mine = runningAtStep(0);
        Job finished = Jobs.created(tenant, Jobs.T0);
        store.insert(finished);
        Job cancelled = store.update(mine.toBuilder().cancelRequested(true).build()).orElseThrow();

        LeaseRenewal renewal = store.renewLeases(worker, List.of(JobRef.of(mine), JobRef.of(finished)),
                Jobs.T0.plusSeconds(20), LEASE);

        assertEquals(Set.of(JobRef.of(finished)), renewal.lost());
        assertEquals(Set.of(JobRef.of(mine)), renewal.cancelRequested());
        Job stored = store.find(tenant, mine.id()).orElseThrow();
        assertEquals(cancelled.version(), stored.version());
        assertEquals(Jobs.T0.plusSeconds(50), stored.lease().orElseThrow().expiresAt());
    }

    @Test
    void expiredLeasesGoBackToTheQueueAtTheStepThatWasRunning() {
        Job running = runningAtStep(1);

        assertEquals(0, store.requeueExpired(Jobs.T0.plusSeconds(29)));
        assertEquals(1, store.requeueExpired(Jobs.T0.plusSeconds(30)));

        Job requeued = store.find(tenant, running.id()).orElseThrow();
        assertEquals(JobStatus.QUEUED, requeued.status());
        assertEquals(Optional.empty(), requeued.lease());
        assertEquals(Optional.of("classify"), requeued.currentStep());
        assertEquals(running.steps(), requeued.steps());
        assertEquals(List.of(running.id()), store.claim(new WorkerId("worker-b"), 1, Jobs.T0.plusSeconds(31), LEASE)
                .stream().map(Job::id).toList());
    }

    @Test
    void listPagesThroughATenantsJobsNewestFirst() {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Job job = Jobs.created(tenant, Jobs.T0.plusSeconds(i));
            store.insert(job);
            jobs.addFirst(job);
        }
        store.insert(Jobs.created(TenantId.of("someone-else"), Jobs.T0));

        JobPage first = store.list(tenant, JobQuery.firstPage(2));
        JobPage second = store.list(tenant, JobQuery.firstPage(2).after(first.nextCursor().orElseThrow()));
        JobPage last = store.list(tenant, JobQuery.firstPage(2).after(second.nextCursor().orElseThrow()));

        assertEquals(jobs.subList(0, 2), first.jobs());
        assertEquals(jobs.subList(2, 4), second.jobs());
        assertEquals(jobs.subList(4, 5), last.jobs());
        assertEquals(Optional.empty(), last.nextCursor());
        assertEquals(List.of(), store.list(tenant, JobQuery.firstPage(10).withStatus(JobStatus.RUNNING)).jobs());
    }

    @Test
    void aMalformedCursorIsRejectedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.list(tenant, JobQuery.firstPage(2).after("not-a-cursor")));

        assertTrue(e.getMessage().contains("cursor 'not-a-cursor' is not one this store gave out"), e.getMessage());
    }

    @Test
    void finishedJobsBeforeTheCutoffAreDeleted() {
        Job old = finished(Jobs.T0);
        Job recent = finished(Jobs.T0.plusSeconds(3600));
        Job queued = Jobs.queued(tenant, Jobs.T0.minusSeconds(3600));
        store.insert(queued);

        assertEquals(1, store.deleteFinishedBefore(Jobs.T0.plusSeconds(60)));

        assertEquals(Optional.empty(), store.find(tenant, old.id()));
        assertTrue(store.find(tenant, recent.id()).isPresent());
        assertTrue(store.find(tenant, queued.id()).isPresent());
    }

    private Job runningAtStep(int index) {
        Job queued = Jobs.queued(tenant, Jobs.T0);
        store.insert(queued);
        Job claimed = store.claim(worker, 1, Jobs.T0, LEASE).getFirst();
        Job.Builder running = claimed.toBuilder().currentStep(Optional.of(Jobs.STEPS.get(index)));
        for (int i = 0; i < index; i++) {
            running.step(i, claimed.steps().get(i).start(Jobs.T0).complete(Jobs.T0, Payload.empty(), List.of(), 0, 0, 0));
        }
        running.step(index, claimed.steps().get(index).start(Jobs.T0));
        return store.update(running.build()).orElseThrow();
    }

    private Job finished(Instant at) {
        Job job = Jobs.created(tenant, at.minusSeconds(10)).toBuilder().status(JobStatus.COMPLETED).progress(100)
                .updatedAt(at).finishedAt(Optional.of(at)).build();
        store.insert(job);
        return job;
    }
}
