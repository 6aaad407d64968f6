package dev.conveyor.core;

import dev.conveyor.core.store.InMemoryJobStore;
import dev.conveyor.core.support.Harness;
import dev.conveyor.core.support.SeedSteps;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.WorkerId;
import dev.conveyor.port.in.Rejection;
import dev.conveyor.port.in.SubmitJob;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.conveyor.core.RetryAndStartTest.reason;
import static dev.conveyor.core.support.Harness.ACME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cancel stops a job: at once when no worker runs it, co-operatively through the step's context when one does. */
class CancelTest {

    @Test
    void aJobNoWorkerHasClaimedIsCancelledAtOnce() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock).build())) {
            Job job = h.submit("documents", Payload.of("files", 1));

            Job cancelled = h.conveyor.cancel(ACME, job.id()).orElseThrow();
            int ran = h.drain();

            assertEquals(JobStatus.CANCELLED, cancelled.status());
            assertFalse(cancelled.processing());
            assertEquals(0, ran, "a cancelled job is never claimed");
            assertEquals("cancelled", h.progress(job.id()).status());
        }
    }

    @Test
    void aRunningStepSeesTheCancelThroughItsContextAndTheJobEndsCancelled() throws Exception {
        CountDownLatch inStep = new CountDownLatch(1);
        try (Harness h = Harness.of(clock -> new SeedSteps(clock)
                .on("classify", ctx -> {
                    inStep.countDown();
                    for (int unit = 1; unit <= 1_000_000; unit++) {
                        ctx.checkpoint();
                        ctx.progress(unit, 1_000_000);
                        Thread.sleep(1);
                    }
                })
                .build())) {
            Job job = h.submit("documents", Payload.of("files", 1));
            CompletableFuture<Integer> worker = CompletableFuture.supplyAsync(h::drain);
            assertTrue(inStep.await(10, TimeUnit.SECONDS));

            Job requested = h.conveyor.cancel(ACME, job.id()).orElseThrow();
            worker.get(10, TimeUnit.SECONDS);

            assertTrue(requested.cancelRequested());
            Job cancelled = h.job(job.id());
            assertEquals(JobStatus.CANCELLED, cancelled.status());
            assertFalse(cancelled.processing());
            assertEquals(StepStatus.COMPLETED, cancelled.steps().get(0).status(), "finished work is kept");
            assertEquals(StepStatus.FAILED, cancelled.steps().get(1).status());
            assertEquals("cancelled", cancelled.steps().get(1).error().orElseThrow().code());
            assertEquals(StepStatus.PENDING, cancelled.steps().get(3).status());
            assertTrue(cancelled.lease().isEmpty());
        }
    }

    @Test
    void aCancelMadeByAnotherProcessReachesTheStepAtTheNextLeaseRenewal() throws Exception {
        CountDownLatch inStep = new CountDownLatch(1);
        InMemoryJobStore shared = new InMemoryJobStore();
        try (Harness worker = new Harness(clock -> new SeedSteps(clock)
                .on("extract", ctx -> {
                    inStep.countDown();
                    while (!ctx.isCancelled()) {
                        Thread.sleep(1);
                    }
                }).build(), b -> b, shared);
             Harness api = new Harness(clock -> new SeedSteps(clock).build(),
                     b -> b.workerId(new WorkerId("api-only")), shared)) {
            Job job = api.conveyor.submit(new SubmitJob(ACME, "documents", Payload.of("files", 1),
                    PipelineOptions.defaults(), true)).orElseThrow();
            CompletableFuture<Integer> running = CompletableFuture.supplyAsync(worker::drain);
            assertTrue(inStep.await(10, TimeUnit.SECONDS));

            api.conveyor.cancel(ACME, job.id()).orElseThrow();
            worker.conveyor.maintenance().renewLeases();
            running.get(10, TimeUnit.SECONDS);

            assertEquals(JobStatus.CANCELLED, api.job(job.id()).status());
        }
    }

    @Test
    void aFinishedJobCannotBeCancelled() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock).build())) {
            Job job = h.submit("documents", Payload.of("files", 1));
            h.drain();

            assertEquals(Rejection.Reason.WRONG_STATE, reason(h.conveyor.cancel(ACME, job.id())));
        }
    }

    @Test
    void aCancelledJobCanBeProcessedAgainKeepingItsCompletedSteps() throws Exception {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock).build())) {
            Job job = h.submit("documents", Payload.of("files", 1));
            h.conveyor.cancel(ACME, job.id()).orElseThrow();

            h.conveyor.process(ACME, job.id()).orElseThrow();
            h.drain();

            assertEquals(JobStatus.COMPLETED, h.job(job.id()).status());
        }
    }
}
