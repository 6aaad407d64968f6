package dev.conveyor.adapter.postgres;

import dev.conveyor.core.Conveyor;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.WorkerId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.conveyor.core.store.JobBuilder.aJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A worker process is killed with SIGKILL in the middle of a batched run (jobs submitted in one batch, their
 * writes grouped, eight workers): another worker resumes its jobs once their leases expire, every job completes,
 * and no step whose completion had committed before the kill runs again. Only the steps whose completion the
 * killed process had not yet made durable run twice: one running or committing per worker thread, and one job's
 * last step per completion thread (a worker hands a job's final write to one of as many completion threads and
 * claims its next job while that write waits for its commit).
 */
class WorkerKillTest {

    private static final int JOBS = 300;
    private static final int KILLED_WORKERS = 8;

    private static PostgresConfig config;
    private static PostgresStores stores;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() {
        config = TestDatabase.freshSchema(WorkerKillTest.class);
        stores = PostgresStores.connect(config);
    }

    @AfterAll
    static void dropSchema() {
        TestDatabase.closeAndDrop(stores, config);
    }

    @Test
    void everyJobCompletesAndNoStepCompletedBeforeTheKillRunsAgain() throws Exception {
        Path log = dir.resolve("steps.log");
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            jobs.add(aJob().queuedAt(Instant.now()).build());
        }
        stores.jobStore().insertAll(jobs);

        ProcessBuilder process = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true", WorkerProcess.class.getName(), log.toString(),
                "killed", Integer.toString(KILLED_WORKERS))
                .redirectErrorStream(true).redirectOutput(dir.resolve("worker.out").toFile());
        Map<String, String> env = process.environment();
        env.put("CONVEYOR_DB_URL", config.jdbcUrl());
        env.put("CONVEYOR_DB_SCHEMA", config.schema());
        config.user().ifPresent(user -> env.put("CONVEYOR_DB_USER", user));
        config.password().ifPresentOrElse(password -> env.put("CONVEYOR_DB_PASSWORD", password),
                () -> env.remove("CONVEYOR_DB_PASSWORD"));
        Process worker = process.start();
        try {
            awaitRuns(log, JOBS, worker);
        } finally {
            worker.destroyForcibly(); // SIGKILL: no shutdown hook, no lease handed back
            assertTrue(worker.waitFor(30, TimeUnit.SECONDS), "the killed worker should be gone");
        }
        Set<String> completedBeforeKill = completedSteps();
        assertTrue(completedBeforeKill.size() < JOBS * StepLog.STEPS.size(), "the kill came mid-run");

        try (PostgresStores survivorStores = PostgresStores.connect(config);
             Conveyor survivor = Conveyor.builder().store(survivorStores.jobStore())
                     .timings(survivorStores.stepTimings()).pipeline(StepRunLog.pipeline(log, "survivor"))
                     .workers(4).workerId(new WorkerId("survivor")).leaseLength(WorkerProcess.LEASE)
                     .pollInterval(Duration.ofMillis(50)).wakeUpOn(survivorStores::onWorkQueued)
                     .audit(survivorStores.auditLog()).start()) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (completedJobs() < JOBS) {
                assertTrue(System.nanoTime() < deadline, "every job should complete within 2 minutes");
                Thread.sleep(20);
            }
        }

        for (Job job : jobs) {
            Job done = stores.jobStore().find(job.tenant(), job.id()).orElseThrow();
            assertEquals(JobStatus.COMPLETED, done.status(), "job " + job.id());
            assertEquals(List.of(StepStatus.COMPLETED), done.steps().stream().map(StepRecord::status).distinct().toList());
        }
        Map<String, Integer> survivorRuns = new HashMap<>();
        Set<String> killedRuns = new HashSet<>();
        for (String[] run : StepRunLog.read(log)) {
            String step = run[1] + "/" + run[2];
            if (run[0].equals("survivor")) {
                survivorRuns.merge(step, 1, Integer::sum);
            } else {
                killedRuns.add(step);
            }
        }
        for (String step : completedBeforeKill) {
            assertEquals(null, survivorRuns.get(step), "step " + step + " had completed before the kill");
        }
        assertEquals(Map.of(), survivorRuns.entrySet().stream().filter(run -> run.getValue() > 1)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                "steps the survivor ran more than once");
        Set<String> ranTwice = new HashSet<>(survivorRuns.keySet());
        ranTwice.retainAll(killedRuns);
        assertTrue(ranTwice.size() <= 2 * KILLED_WORKERS,
                "only the steps whose completion the kill cut short ran twice: " + ranTwice);
        Set<String> ran = new HashSet<>(killedRuns);
        ran.addAll(survivorRuns.keySet());
        assertEquals(JOBS * StepLog.STEPS.size(), ran.size(), "every step of every job ran");
    }

    /** What the worker process printed, beside its step log. */
    private static String output(Path log) {
        try {
            return java.nio.file.Files.readString(log.resolveSibling("worker.out"));
        } catch (java.io.IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Waits until the killed-to-be worker has begun {@code runs} steps: about a fifth of the run. */
    private static void awaitRuns(Path log, int runs, Process worker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (StepRunLog.read(log).size() < runs) {
            assertTrue(worker.isAlive(), () -> "the worker process died on its own: " + output(log));
            assertTrue(System.nanoTime() < deadline, "the worker process should have begun " + runs + " steps");
            Thread.sleep(20);
        }
    }

    /** Every {@code job/step} whose completion is committed. */
    private static Set<String> completedSteps() throws Exception {
        Set<String> completed = new HashSet<>();
        try (Connection c = TestDatabase.open(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(
                "SELECT id, step->>'name' FROM " + config.schema() + ".job, json_array_elements(pipeline_steps) step "
                        + "WHERE step->>'status' = 'completed'")) {
            while (rows.next()) {
                completed.add(rows.getString(1) + "/" + rows.getString(2));
            }
        }
        return completed;
    }

    private static int completedJobs() throws Exception {
        try (Connection c = TestDatabase.open(); Statement s = c.createStatement(); ResultSet row = s.executeQuery(
                "SELECT count(*) FROM " + config.schema() + ".job WHERE status = 'COMPLETED'")) {
            row.next();
            return row.getInt(1);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
