package dev.conveyor.adapter.postgres;

import dev.conveyor.core.Conveyor;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.TenantId;
import dev.conveyor.model.WorkerId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.StepException;
import dev.conveyor.port.in.SubmitJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cancel asked of another process reaches a step waiting out a 300 s retry-after within one lease renewal: the
 * worker's engine and the API's share nothing but the database (each its own pool, its own running jobs); the
 * cancel is marked on the row, the worker's next renewal reads it and wakes the step's wait.
 */
class CancelAcrossProcessesTest {

    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration RENEWAL = LEASE.dividedBy(3);
    /** What the cancel's own write, the cancelled job's write and the await's polling may add under load. */
    private static final Duration WRITES = Duration.ofSeconds(1);
    private static final TenantId ACME = TenantId.of("acme");

    private static PostgresConfig config;

    @BeforeAll
    static void schema() {
        config = TestDatabase.freshSchema(CancelAcrossProcessesTest.class);
    }

    @AfterAll
    static void dropSchema() {
        TestDatabase.closeAndDrop(null, config);
    }

    @Test
    void aCancelFromAnotherProcessEndsARetryAfterWaitWithinOneRenewal() throws Exception {
        CountDownLatch failedOnce = new CountDownLatch(1);
        PipelineDefinition busy = PipelineDefinition.named("busy-service").step("call", ctx -> {
            failedOnce.countDown();
            throw StepException.transientFailure("The service is busy.", Duration.ofSeconds(300), null);
        }).build();
        try (PostgresStores workerStores = PostgresStores.connect(config);
             PostgresStores apiStores = PostgresStores.connect(config);
             Conveyor worker = Conveyor.builder().store(workerStores.jobStore()).timings(workerStores.stepTimings())
                     .pipeline(busy).workers(1).workerId(new WorkerId("worker")).leaseLength(LEASE)
                     .pollInterval(Duration.ofMillis(50)).shutdownGrace(Duration.ofSeconds(1)).start();
             Conveyor api = Conveyor.builder().store(apiStores.jobStore()).timings(apiStores.stepTimings())
                     .pipeline(busy).workers(0).workerId(new WorkerId("api")).leaseLength(LEASE).start()) {
            Job job = api.submit(new SubmitJob(ACME, "busy-service", Payload.of("url", "https://example.test"),
                    PipelineOptions.defaults(), true)).orElseThrow();
            assertTrue(failedOnce.await(30, TimeUnit.SECONDS), "the worker should have run the step");
            Thread.sleep(200); // into the 300 s wait

            long asked = System.nanoTime();
            api.cancel(ACME, job.id()).orElseThrow();
            Job cancelled = api.await(ACME, job.id(), Duration.ofSeconds(30)).orElseThrow();
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);

            System.out.printf("a cancel from another process ended a 300 s retry-after wait in %,d ms (renewal "
                    + "every %,d ms)%n", tookMillis, RENEWAL.toMillis());
            assertEquals(JobStatus.CANCELLED, cancelled.status());
            assertEquals("cancelled", cancelled.steps().getFirst().error().orElseThrow().code());
            assertTrue(tookMillis <= RENEWAL.plus(WRITES).toMillis(), "the cancel took " + tookMillis + " ms, more "
                    + "than one renewal interval (" + RENEWAL.toMillis() + " ms) and the writes");
        }
    }
}
