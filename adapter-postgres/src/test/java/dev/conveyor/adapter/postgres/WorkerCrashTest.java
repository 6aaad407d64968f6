package dev.conveyor.adapter.postgres;

import dev.conveyor.core.Conveyor;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Lease;
import dev.conveyor.model.Payload;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.TenantId;
import dev.conveyor.model.WorkerId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.in.SubmitJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A worker freezes mid-step and never renews its lease (as a killed or hung process would). Another worker,
 * whose clock is past the lease, requeues the job, resumes it at the step that was running and finishes it;
 * the completed step is not run again, and the frozen worker's late write changes nothing.
 */
class WorkerCrashTest {

    private static final TenantId TENANT = TenantId.of("acme");
    private static final Duration LEASE = Duration.ofSeconds(30);

    private static PostgresConfig config;
    private static PostgresStores storesA;
    private static PostgresStores storesB;

    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final CountDownLatch frozen = new CountDownLatch(1);
    private final CountDownLatch thaw = new CountDownLatch(1);

    @BeforeAll
    static void connect() {
        config = TestDatabase.freshSchema(WorkerCrashTest.class);
        storesA = PostgresStores.connect(config);
        storesB = PostgresStores.connect(config);
    }

    @AfterAll
    static void dropSchema() {
        if (storesB != null) {
            storesB.close();
        }
        TestDatabase.closeAndDrop(storesA, config);
    }

    @Test
    void anotherWorkerResumesAtTheInterruptedStepAndNothingIsLostOrRunTwice() throws Exception {
        Conveyor dying = engine(storesA, "worker-a", Clock.systemUTC(), true);
        Conveyor survivor = null;
        try {
            Job job = dying.submit(SubmitJob.startNow(TENANT, "docs", Payload.of("file", "a.pdf"))).orElseThrow();
            assertTrue(frozen.await(20, TimeUnit.SECONDS), "worker-a should reach the classify step");
            Job whileFrozen = storesA.jobStore().find(TENANT, job.id()).orElseThrow();
            assertEquals(Optional.of("classify"), whileFrozen.currentStep());
            assertEquals(StepStatus.COMPLETED, whileFrozen.steps().getFirst().status());
            assertEquals(Optional.of(new WorkerId("worker-a")), whileFrozen.lease().map(Lease::owner));

            survivor = engine(storesB, "worker-b", Clock.offset(Clock.systemUTC(), LEASE.plusSeconds(1)), false);
            assertEquals(1, survivor.maintenance().requeueExpired(), "the frozen worker's job is requeued");
            Job finished = survivor.await(TENANT, job.id(), Duration.ofSeconds(20)).orElseThrow();

            assertEquals(JobStatus.COMPLETED, finished.status());
            assertEquals(List.of(StepStatus.COMPLETED), finished.steps().stream().map(StepRecord::status).distinct().toList());
            assertEquals(Map.of("extract", 1, "classify@worker-a", 1, "classify", 1, "review", 1, "validate", 1,
                    "generate", 1), counts(), "step runs: extract was not run again");
            assertEquals(Optional.of("worker-a"), finished.steps().getFirst().output().get("done_by"),
                    "the completed step's output survived the crash");
            assertEquals(Optional.of("worker-b"), finished.step("classify").orElseThrow().output().get("done_by"));

            thaw.countDown();
            dying.close();
            dying = null;
            assertEquals(finished, storesB.jobStore().find(TENANT, job.id()).orElseThrow(),
                    "the frozen worker's late write was refused");
        } finally {
            thaw.countDown();
            if (dying != null) {
                dying.close();
            }
            if (survivor != null) {
                survivor.close();
            }
        }
    }

    /** One worker thread; the frozen one never renews leases (no maintenance) and hangs in classify. */
    private Conveyor engine(PostgresStores stores, String name, Clock clock, boolean freezesInClassify) {
        return Conveyor.builder()
                .store(stores.jobStore())
                .timings(stores.stepTimings())
                .pipeline(pipeline(name, freezesInClassify))
                .workers(1)
                .workerId(new WorkerId(name))
                .leaseLength(LEASE)
                .pollInterval(Duration.ofMillis(50))
                .clock(clock)
                .scheduleMaintenance(false)
                .shutdownGrace(Duration.ofSeconds(5))
                .start();
    }

    private PipelineDefinition pipeline(String worker, boolean freezesInClassify) {
        PipelineDefinition.Builder builder = PipelineDefinition.named("docs");
        for (String step : StepLog.STEPS) {
            builder.step(step, context -> {
                if (freezesInClassify && step.equals("classify")) {
                    runs.computeIfAbsent("classify@" + worker, k -> new AtomicInteger()).incrementAndGet();
                    frozen.countDown();
                    thaw.await();
                    return;
                }
                runs.computeIfAbsent(step, k -> new AtomicInteger()).incrementAndGet();
                context.put("done_by", worker);
            });
        }
        return builder.build();
    }

    private Map<String, Integer> counts() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        runs.forEach((step, count) -> counts.put(step, count.get()));
        return counts;
    }
}
