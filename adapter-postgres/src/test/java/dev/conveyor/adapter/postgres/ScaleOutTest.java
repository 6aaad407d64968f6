package dev.conveyor.adapter.postgres;

import dev.conveyor.core.Conveyor;
import dev.conveyor.model.Payload;
import dev.conveyor.model.TenantId;
import dev.conveyor.model.WorkerId;
import dev.conveyor.port.in.SubmitJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One, two and four engines, each with its own store and pool as separate processes would have, drain the same
 * queue of five-step jobs: every step runs exactly once however many engines share the queue, and adding engines
 * does not make the drain slower. The machine is shared and small, so more engines need not make it faster; a
 * drain at less than half the speed of one engine's would mean the engines get in each other's way (lock waits,
 * claims that miss work), which is what this guards against.
 */
class ScaleOutTest {

    private static final TenantId TENANT = TenantId.of("acme");
    private static final int JOBS = 400;
    private static final int WORKERS_PER_ENGINE = 4;

    private static PostgresConfig config;
    private static PostgresStores filler;

    @BeforeAll
    static void connect() {
        config = TestDatabase.freshSchema(ScaleOutTest.class).withPoolSize(4);
        filler = PostgresStores.connect(config);
    }

    @AfterAll
    static void dropSchema() {
        TestDatabase.closeAndDrop(filler, config);
    }

    @Test
    void oneTwoAndFourEnginesRunEveryStepOnceAndMoreEnginesDoNotDrainSlower() throws Exception {
        drain(1); // warm-up: the first drain of a JVM pays for class loading and JIT
        double one = drain(1);
        double two = drain(2);
        double four = drain(4);

        System.out.printf(Locale.ROOT, "scale-out: %.0f jobs/s with one engine, %.0f with two, %.0f with four%n", one,
                two, four);
        assertTrue(two >= one / 2 && four >= one / 2, String.format(Locale.ROOT,
                "more engines drained far slower: %.0f, %.0f, %.0f jobs/s", one, two, four));
    }

    /** Fills the queue, lets {@code engines} engines drain it, checks every step ran once; returns jobs/s. */
    private static double drain(int engines) throws Exception {
        TestDatabase.execute("TRUNCATE " + config.schema() + ".job");
        StepLog log = new StepLog();
        try (Conveyor submitter = Conveyor.builder().store(filler.jobStore()).pipeline(log.pipeline("filler"))
                .workers(0).start()) {
            for (int n = 0; n < JOBS; n++) {
                submitter.submit(SubmitJob.startNow(TENANT, "noop", Payload.of("n", n))).orElseThrow();
            }
        }
        List<PostgresStores> stores = new ArrayList<>();
        List<Conveyor> running = new ArrayList<>();
        long start = System.nanoTime();
        long nanos;
        try {
            for (int e = 0; e < engines; e++) {
                PostgresStores own = PostgresStores.connect(config);
                stores.add(own);
                running.add(Conveyor.builder().store(own.jobStore()).timings(own.stepTimings())
                        .pipeline(log.pipeline("engine-" + e)).workers(WORKERS_PER_ENGINE)
                        .workerId(new WorkerId("engine-" + e)).pollInterval(Duration.ofMillis(50))
                        .wakeUpOn(own::onWorkQueued).audit(own.auditLog()).start());
            }
            long deadline = start + Duration.ofMinutes(2).toNanos();
            while (completed() < JOBS) {
                assertTrue(System.nanoTime() < deadline, "all " + JOBS + " jobs should complete within 2 minutes");
                Thread.sleep(10);
            }
            nanos = System.nanoTime() - start;
        } finally {
            running.forEach(Conveyor::close);
            stores.forEach(PostgresStores::close);
        }
        assertEquals(Map.of(), log.repeated(), "steps that ran more than once with " + engines + " engines");
        int finished = 0;
        for (int e = 0; e < engines; e++) {
            finished += log.jobsFinishedBy("engine-" + e);
        }
        assertEquals(JOBS, finished, "jobs finished by the " + engines + " engines");
        return JOBS / (nanos / 1e9);
    }

    private static int completed() throws Exception {
        try (Connection c = TestDatabase.open(); Statement s = c.createStatement(); ResultSet row = s.executeQuery(
                "SELECT count(*) FROM " + config.schema() + ".job WHERE status = 'COMPLETED'")) {
            row.next();
            return row.getInt(1);
        }
    }
}
