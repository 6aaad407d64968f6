package dev.conveyor.core;

import dev.conveyor.core.store.InMemoryJobStore;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.RetryPolicy;
import dev.conveyor.pipeline.StepDefinition;
import dev.conveyor.pipeline.StepException;
import dev.conveyor.port.in.SubmitJob;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cancel does not wait out a back-off: a step waiting 300 s between attempts (a retry-after hint, or a long
 * exponential back-off) is stopped within a second of a cancel in the same process, on real time and threads.
 * (Across processes the cancel arrives with the next lease renewal: {@code CancelAcrossProcessesTest} in
 * adapter-postgres.)
 */
class CancelDuringBackoffTest {

    private static final TenantId ACME = TenantId.of("acme");

    @Test
    void aCancelEndsARetryAfterWaitWithinOneSecond() throws Exception {
        CountDownLatch failed = new CountDownLatch(1);
        PipelineDefinition pipeline = PipelineDefinition.named("busy-service")
                .step("call", ctx -> {
                    failed.countDown();
                    throw StepException.transientFailure("The service is busy.", Duration.ofSeconds(300), null);
                }).build();
        assertCancelledWithinOneSecond(pipeline, failed);
    }

    @Test
    void aCancelEndsAnExponentialBackoffWithinOneSecond() throws Exception {
        CountDownLatch failed = new CountDownLatch(1);
        PipelineDefinition pipeline = PipelineDefinition.named("slow-backoff")
                .step(StepDefinition.of("call", ctx -> {
                    failed.countDown();
                    throw StepException.transientFailure("The service timed out.", null);
                }).retry(RetryPolicy.defaults().withMaxAttempts(5)
                        .withBackoff(Duration.ofSeconds(30), 2.0, Duration.ofSeconds(300)).withJitter(0.0)))
                .build();
        assertCancelledWithinOneSecond(pipeline, failed);
    }

    private static void assertCancelledWithinOneSecond(PipelineDefinition pipeline, CountDownLatch failed)
            throws Exception {
        try (Conveyor conveyor = Conveyor.builder().pipeline(pipeline).store(new InMemoryJobStore()).workers(1)
                .shutdownGrace(Duration.ofSeconds(1)).start()) {
            Job job = conveyor.submit(new SubmitJob(ACME, pipeline.name(), Payload.of("url", "https://example.test"),
                    PipelineOptions.defaults(),
                    true)).orElseThrow();
            assertTrue(failed.await(10, TimeUnit.SECONDS), "the step should have run");
            Thread.sleep(100); // into the wait; a cancel that comes before it is seen before waiting anyway

            long asked = System.nanoTime();
            conveyor.cancel(ACME, job.id()).orElseThrow();
            Job cancelled = conveyor.await(ACME, job.id(), Duration.ofSeconds(10)).orElseThrow();
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);

            assertEquals(JobStatus.CANCELLED, cancelled.status());
            assertEquals(StepStatus.FAILED, cancelled.steps().getFirst().status());
            assertEquals("cancelled", cancelled.steps().getFirst().error().orElseThrow().code());
            assertTrue(tookMillis < 1_000, "the cancel took " + tookMillis + " ms");
        }
    }
}
