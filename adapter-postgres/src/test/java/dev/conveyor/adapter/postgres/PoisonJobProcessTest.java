package dev.conveyor.adapter.postgres;

import dev.conveyor.core.Conveyor;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.WorkerId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.conveyor.core.store.JobBuilder.aJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A poison job on real PostgreSQL with real worker processes: a step halts the JVM running it, three worker
 * processes in a row die on it, and the fourth, instead of running the step and dying too, fails the job as
 * {@code worker_lost}, its completed step kept and the failure in the audit log; a retry, once the cause is gone,
 * runs the job to its end without running the completed step again.
 */
class PoisonJobProcessTest {

    private static final int LIMIT = 3;
    /** How far each worker's clock runs ahead of the one before: past the dead one's lease, without waiting it out. */
    private static final Duration AHEAD = PoisonWorkerProcess.LEASE.plusSeconds(1);

    private static PostgresConfig config;
    private static PostgresStores stores;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() {
        config = TestDatabase.freshSchema(PoisonJobProcessTest.class);
        stores = PostgresStores.connect(config);
    }

    @AfterAll
    static void dropSchema() {
        TestDatabase.closeAndDrop(stores, config);
    }

    @Test
    void aStepThatKillsThreeWorkersInARowFailsAsWorkerLostAndRetryFinishesTheJob() throws Exception {
        Path log = dir.resolve("steps.log");
        Path marker = Files.createFile(dir.resolve("poisoned"));
        Job job = aJob().queuedAt(Instant.now()).build();
        stores.jobStore().insert(job);

        for (int death = 1; death <= LIMIT; death++) {
            Process worker = start(log, marker, "worker-" + death, AHEAD.multipliedBy(death - 1));
            try {
                assertTrue(worker.waitFor(2, TimeUnit.MINUTES), "worker " + death + " should die on the step");
                assertEquals(PoisonWorkerProcess.HALTED, worker.exitValue(), "worker " + death + " halted in the step: "
                        + Files.readString(dir.resolve("worker-" + death + ".out")));
            } finally {
                worker.destroyForcibly();
            }
        }
        Process survivor = start(log, marker, "worker-" + (LIMIT + 1), AHEAD.multipliedBy(LIMIT));
        Job failed;
        try {
            failed = awaitFinished(job, survivor);
            assertTrue(survivor.isAlive(), "the fourth worker did not run the poisoned step");
        } finally {
            survivor.destroyForcibly();
            survivor.waitFor(30, TimeUnit.SECONDS);
        }

        assertEquals(JobStatus.FAILED, failed.status());
        assertEquals("worker_lost", failed.error().orElseThrow().code());
        assertEquals(StepStatus.COMPLETED, failed.steps().get(0).status(), "the completed step is kept");
        assertEquals(StepStatus.FAILED, failed.steps().get(1).status());
        assertEquals("worker_lost", failed.steps().get(1).error().orElseThrow().code());
        assertEquals(List.of("worker-1"), runsOf(log, "extract"), "extract ran once");
        assertEquals(List.of("worker-1", "worker-2", "worker-3"), runsOf(log, "classify"),
                "classify ran once per dead worker, not on the fourth");
        assertEquals(1, auditEvents(job, "pipeline_failed", "worker_lost"), "the failure is in the audit log");

        Files.delete(marker);
        try (Conveyor retrying = Conveyor.builder().store(stores.jobStore()).timings(stores.stepTimings())
                .pipeline(PoisonWorkerProcess.pipeline(log, marker, "retry")).workers(1)
                .workerId(new WorkerId("retry")).pollInterval(Duration.ofMillis(50)).audit(stores.auditLog())
                .clock(Clock.offset(Clock.systemUTC(), AHEAD.multipliedBy(LIMIT + 1)))
                .start()) {
            retrying.retry(job.tenant(), job.id()).orElseThrow();
            Job done = retrying.await(job.tenant(), job.id(), Duration.ofSeconds(60)).orElseThrow();

            assertEquals(JobStatus.COMPLETED, done.status(), done.error().toString());
            assertEquals(0, done.workerLosses());
        }
        assertEquals(List.of("worker-1"), runsOf(log, "extract"), "the retry kept the completed step");
        assertEquals(List.of("worker-1", "worker-2", "worker-3", "retry"), runsOf(log, "classify"));
    }

    private Process start(Path log, Path marker, String name, Duration ahead) throws Exception {
        ProcessBuilder process = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true", PoisonWorkerProcess.class.getName(),
                log.toString(), marker.toString(), name, Long.toString(ahead.toMillis()))
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".out").toFile());
        Map<String, String> env = process.environment();
        env.put("CONVEYOR_DB_URL", config.jdbcUrl());
        env.put("CONVEYOR_DB_SCHEMA", config.schema());
        env.put("CONVEYOR_MAX_WORKER_LOSSES", Integer.toString(LIMIT));
        config.user().ifPresent(user -> env.put("CONVEYOR_DB_USER", user));
        config.password().ifPresentOrElse(password -> env.put("CONVEYOR_DB_PASSWORD", password),
                () -> env.remove("CONVEYOR_DB_PASSWORD"));
        return process.start();
    }

    private static Job awaitFinished(Job job, Process worker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            Job now = stores.jobStore().find(job.tenant(), job.id()).orElseThrow();
            if (!now.processing()) {
                return now;
            }
            assertTrue(worker.isAlive(), "the fourth worker died too");
            assertTrue(System.nanoTime() < deadline, "the job should fail within 2 minutes, is " + now.status()
                    + " after " + now.workerLosses() + " losses");
            Thread.sleep(50);
        }
    }

    /** Who ran {@code step}, in order. */
    private static List<String> runsOf(Path log, String step) {
        List<String> who = new ArrayList<>();
        for (String[] run : StepRunLog.read(log)) {
            if (run[2].equals(step)) {
                who.add(run[0]);
            }
        }
        return who;
    }

    private static int auditEvents(Job job, String type, String code) throws Exception {
        try (Connection c = TestDatabase.open(); PreparedStatement s = c.prepareStatement("SELECT count(*) FROM "
                + config.schema() + ".audit_event WHERE job_id = ? AND type = ? AND details ->> 'code' = ?")) {
            s.setObject(1, job.id().value());
            s.setString(2, type);
            s.setString(3, code);
            try (ResultSet row = s.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
