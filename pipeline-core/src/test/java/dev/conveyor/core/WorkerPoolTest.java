package dev.conveyor.core;

import dev.conveyor.core.store.InMemoryJobStore;
import dev.conveyor.core.support.RecordingStore;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.in.SubmitJob;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Background workers drain the queue: every job runs, each step exactly once; a job's completion write does not
 * hold its worker.
 */
class WorkerPoolTest {

    @Test
    void fourWorkerThreadsRunFiveHundredJobsEachStepExactlyOnce() throws Exception {
        Map<String, AtomicInteger> stepRuns = new ConcurrentHashMap<>();
        PipelineDefinition pipeline = PipelineDefinition.named("noop")
                .step("a", ctx -> count(stepRuns, ctx.jobId() + "/a"))
                .step("b", ctx -> count(stepRuns, ctx.jobId() + "/b"))
                .step("c", ctx -> count(stepRuns, ctx.jobId() + "/c"))
                .build();
        TenantId tenant = TenantId.of("acme");
        try (Conveyor conveyor = Conveyor.builder().pipeline(pipeline).workers(4).start()) {
            List<Job> jobs = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                jobs.add(conveyor.submit(SubmitJob.startNow(tenant, "noop", Payload.of("n", i))).orElseThrow());
            }
            for (Job job : jobs) {
                Job done = conveyor.await(tenant, job.id(), Duration.ofSeconds(30)).orElseThrow();
                assertEquals(JobStatus.COMPLETED, done.status());
            }
        }
        assertEquals(1500, stepRuns.size());
        stepRuns.forEach((step, runs) -> assertEquals(1, runs.get(), step));
    }

    @Test
    void aWorkerTakesItsNextJobWhileTheLastOnesCompletionIsBeingWritten() throws Exception {
        CountDownLatch firstCompleting = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch secondRan = new CountDownLatch(1);
        RecordingStore store = new RecordingStore(new InMemoryJobStore());
        store.beforeUpdate(job -> {
            if (job.status() == JobStatus.COMPLETED && job.input().get("n").orElseThrow().equals(1)) {
                firstCompleting.countDown();
                awaitQuietly(releaseFirst);
            }
        });
        PipelineDefinition pipeline = PipelineDefinition.named("one-step").step("only", ctx -> {
            if (ctx.input().get("n").orElseThrow().equals(2)) {
                secondRan.countDown();
            }
        }).build();
        TenantId tenant = TenantId.of("acme");
        try (Conveyor conveyor = Conveyor.builder().store(store).pipeline(pipeline).workers(1).start()) {
            Job first = conveyor.submit(SubmitJob.startNow(tenant, "one-step", Payload.of("n", 1))).orElseThrow();
            assertTrue(firstCompleting.await(10, TimeUnit.SECONDS), "the first job's completion is written");
            Job second = conveyor.submit(SubmitJob.startNow(tenant, "one-step", Payload.of("n", 2))).orElseThrow();

            assertTrue(secondRan.await(10, TimeUnit.SECONDS),
                    "the only worker runs the second job while the first one's completion waits for the store");
            assertEquals(JobStatus.RUNNING, conveyor.job(tenant, first.id()).orElseThrow().status());
            assertEquals(2, conveyor.status().busy(), "a job being completed still counts as running");

            releaseFirst.countDown();
            assertEquals(JobStatus.COMPLETED, conveyor.await(tenant, first.id(), Duration.ofSeconds(10))
                    .orElseThrow().status());
            assertEquals(JobStatus.COMPLETED, conveyor.await(tenant, second.id(), Duration.ofSeconds(10))
                    .orElseThrow().status());
        }
    }

    @Test
    void closeWritesTheCompletionsStillInFlight() throws Exception {
        CountDownLatch completing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingStore store = new RecordingStore(new InMemoryJobStore());
        store.beforeUpdate(job -> {
            if (job.status() == JobStatus.COMPLETED) {
                completing.countDown();
                awaitQuietly(release);
            }
        });
        PipelineDefinition pipeline = PipelineDefinition.named("one-step").step("only", ctx -> { }).build();
        TenantId tenant = TenantId.of("acme");
        Conveyor conveyor = Conveyor.builder().store(store).pipeline(pipeline).workers(1).start();
        Job job = conveyor.submit(SubmitJob.startNow(tenant, "one-step", Payload.of("n", 1))).orElseThrow();
        assertTrue(completing.await(10, TimeUnit.SECONDS));

        Thread closing = new Thread(conveyor::close);
        closing.start();
        closing.join(200);
        assertTrue(closing.isAlive(), "close waits for the completion being written");
        release.countDown();
        closing.join(10_000);

        assertFalse(closing.isAlive());
        assertEquals(JobStatus.COMPLETED, store.find(tenant, job.id()).orElseThrow().status());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void count(Map<String, AtomicInteger> runs, String key) {
        runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }
}
