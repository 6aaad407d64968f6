package dev.conveyor.adapter.postgres;

import dev.conveyor.core.Conveyor;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.TenantId;
import dev.conveyor.model.WorkerId;
import dev.conveyor.port.in.SubmitJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two engines, each with its own store and connection pool as two processes would have, drain one queue of
 * 1,000 jobs: every job completes exactly once and no step completes twice.
 */
class TwoEnginesShareOneQueueTest {

    private static final int JOBS = 1_000;
    private static final TenantId TENANT = TenantId.of("acme");

    private static PostgresConfig config;
    private static PostgresStores storesA;
    private static PostgresStores storesB;

    @BeforeAll
    static void connect() {
        config = TestDatabase.freshSchema(TwoEnginesShareOneQueueTest.class);
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
    void everyJobCompletesExactlyOnceAndNoStepRunsTwice() throws Exception {
        StepLog log = new StepLog();
        List<JobId> submitted;
        try (Conveyor a = engine(storesA, log, "engine-a"); Conveyor b = engine(storesB, log, "engine-b")) {
            submitted = submitFromFourThreads(a);
            awaitAllFinished(a, submitted, Duration.ofSeconds(60));
        }

        for (JobId id : submitted) {
            Job job = storesA.jobStore().find(TENANT, id).orElseThrow();
            assertEquals(JobStatus.COMPLETED, job.status(), "job " + id);
            assertEquals(List.of(StepStatus.COMPLETED), job.steps().stream().map(StepRecord::status).distinct().toList());
            assertTrue(job.steps().stream().allMatch(step -> step.attempts() == 1), "one attempt per step: " + job);
            for (String step : StepLog.STEPS) {
                assertEquals(1, log.completions(id, step), "completions of " + step + " of " + id);
            }
        }
        assertEquals(Map.of(), log.repeated(), "steps that ran more than once");
        assertEquals(JOBS, log.jobsFinishedBy("engine-a") + log.jobsFinishedBy("engine-b"), "jobs finished");
        assertTrue(log.jobsFinishedBy("engine-a") > 0 && log.jobsFinishedBy("engine-b") > 0,
                "both engines took part: a=" + log.jobsFinishedBy("engine-a") + ", b=" + log.jobsFinishedBy("engine-b"));
    }

    private static Conveyor engine(PostgresStores stores, StepLog log, String name) {
        return Conveyor.builder()
                .store(stores.jobStore())
                .timings(stores.stepTimings())
                .pipeline(log.pipeline(name))
                .workers(4)
                .workerId(new WorkerId(name))
                .pollInterval(Duration.ofMillis(50))
                .start();
    }

    private static List<JobId> submitFromFourThreads(Conveyor engine) throws Exception {
        ExecutorService submitters = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<JobId>>> parts = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                parts.add(submitters.submit(() -> {
                    List<JobId> ids = new ArrayList<>();
                    for (int n = 0; n < JOBS / 4; n++) {
                        ids.add(engine.submit(SubmitJob.startNow(TENANT, "noop", Payload.of("n", n))).orElseThrow().id());
                    }
                    return ids;
                }));
            }
            List<JobId> all = new ArrayList<>();
            for (Future<List<JobId>> part : parts) {
                all.addAll(part.get());
            }
            return all;
        } finally {
            submitters.shutdownNow();
        }
    }

    private static void awaitAllFinished(Conveyor engine, List<JobId> jobs, Duration timeout) throws Exception {
        for (JobId id : jobs) {
            Job job = engine.await(TENANT, id, timeout).orElseThrow(() -> new AssertionError(
                    "job " + id + " still runs after " + timeout));
            assertTrue(!job.processing(), "job " + id + " stopped processing");
        }
    }
}
