package dev.conveyor.adapter.postgres;

import dev.conveyor.core.Conveyor;
import dev.conveyor.core.store.JobBuilder;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.in.SubmitJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Work queued by one process wakes another's workers through LISTEN/NOTIFY, on the real PostgreSQL. "Here" is
 * a fresh {@link PostgresStores} per test, so its listener starts with the test; "another process" is a second
 * instance on the same schema. The schema's name is 63 characters long, PostgreSQL's limit, so the channel and
 * the listener's application name are the cut ones, and the trigger must cut the channel the same way.
 */
class WakeUpOnNotifyTest {

    private static final TenantId TENANT = TenantId.of("acme");
    private static final long PROMPTLY_MILLIS = 2_000;
    private static final long QUIET_MILLIS = 500;

    private static PostgresConfig config;
    private static PostgresStores anotherProcess;

    private PostgresStores here;
    private final Semaphore heard = new Semaphore(0);

    @BeforeAll
    static void connect() {
        PostgresConfig fresh = TestDatabase.freshSchema(WakeUpOnNotifyTest.class);
        config = fresh.withSchema((fresh.schema() + "_").concat("x".repeat(63)).substring(0, 63));
        anotherProcess = PostgresStores.connect(config);
    }

    @AfterAll
    static void dropSchema() {
        TestDatabase.closeAndDrop(anotherProcess, config);
    }

    @BeforeEach
    void open() {
        here = PostgresStores.connect(config);
    }

    @AfterEach
    void close() {
        here.close();
    }

    @Test
    void aJobQueuedByAnotherProcessCallsBackPromptly() throws Exception {
        try (var registration = here.onWorkQueued(heard::release)) {
            awaitListening();

            anotherProcess.jobStore().insert(aQueuedJob());

            assertHeard("the insert of a queued job");
        }
    }

    @Test
    void onlyWorkThatBecomesClaimableInThisSchemaCallsBack() throws Exception {
        PostgresConfig elsewhere = TestDatabase.freshSchema(WakeUpOnNotifyTest.class);
        PostgresStores otherSchema = PostgresStores.connect(elsewhere);
        try (var registration = here.onWorkQueued(heard::release)) {
            awaitListening();

            otherSchema.jobStore().insert(aQueuedJob());
            anotherProcess.jobStore().insert(JobBuilder.aJob().build());

            assertNotHeard("a job queued in another schema, and one created here but not started");
        } finally {
            TestDatabase.closeAndDrop(otherSchema, elsewhere);
        }
    }

    @Test
    void anEngineWakingOnNotificationsRunsAJobSubmittedElsewhereLongBeforeItsNextPoll() throws Exception {
        PipelineDefinition noop = PipelineDefinition.named("noop").step("only", ctx -> { }).build();
        try (var registration = here.onWorkQueued(heard::release);
             Conveyor worker = Conveyor.builder().store(here.jobStore()).timings(here.stepTimings()).pipeline(noop)
                     .workers(1).pollInterval(Duration.ofMinutes(1)).wakeUpOn(here::onWorkQueued).start();
             Conveyor submitter = Conveyor.builder().store(anotherProcess.jobStore()).pipeline(noop).workers(0)
                     .start()) {
            awaitListening();
            awaitIdle(here);

            Job job = submitter.submit(SubmitJob.startNow(TENANT, "noop", Payload.of("n", 1))).orElseThrow();

            Job done = worker.await(TENANT, job.id(), Duration.ofMillis(5 * PROMPTLY_MILLIS)).orElseThrow(
                    () -> new AssertionError("the job still waits: no worker was woken"));
            assertEquals(JobStatus.COMPLETED, done.status(), "the job ran within seconds, its poll was a minute off");
        }
    }

    @Test
    void afterItsConnectionIsKilledTheListenerReconnectsCallsBackAndHearsAgain() throws Exception {
        try (var registration = here.onWorkQueued(heard::release)) {
            awaitListening();

            assertTrue(terminateListener() > 0, "this schema's listening session was found and ended");

            assertHeard("the call after reconnecting, for work queued while deaf");
            anotherProcess.jobStore().insert(aQueuedJob());
            assertHeard("a queued job, heard on the new connection");
        }
    }

    @Test
    void aClosedRegistrationIsNotCalledAnyMore() throws Exception {
        Semaphore dropped = new Semaphore(0);
        try (var kept = here.onWorkQueued(heard::release)) {
            awaitListening();
            here.onWorkQueued(dropped::release).close();

            anotherProcess.jobStore().insert(aQueuedJob());

            assertHeard("the registration still open");
            assertFalse(dropped.tryAcquire(QUIET_MILLIS, TimeUnit.MILLISECONDS), "the closed one was called");
        }
    }

    /** The listener calls back once when it starts listening: from then on a NOTIFY reaches it. */
    private void awaitListening() throws InterruptedException {
        assertHeard("the call once listening");
    }

    private void assertHeard(String what) throws InterruptedException {
        assertTrue(heard.tryAcquire(PROMPTLY_MILLIS, TimeUnit.MILLISECONDS), "no call back for " + what);
    }

    private void assertNotHeard(String what) throws InterruptedException {
        assertFalse(heard.tryAcquire(QUIET_MILLIS, TimeUnit.MILLISECONDS), "called back for " + what);
    }

    /** The worker claimed, found nothing and waits for a wake-up or its next poll, a minute away. */
    private static void awaitIdle(PostgresStores stores) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROMPTLY_MILLIS);
        while (stores.counters().claimStatements() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(stores.counters().claimStatements() > 0, "the worker looked for work");
        Thread.sleep(200); // a claim that the call once listening started has found nothing too
    }

    private static Job aQueuedJob() {
        return JobBuilder.aJob().queuedAt(Instant.now()).build();
    }

    /** Ends the listening session of this test's schema only: other test classes listen in the same database. */
    private static int terminateListener() throws SQLException {
        try (Connection connection = TestDatabase.open(); PreparedStatement kill = connection.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND application_name = ?")) {
            kill.setString(1, WorkListener.applicationName(config.schema()));
            int killed = 0;
            try (ResultSet rows = kill.executeQuery()) {
                while (rows.next()) {
                    killed += rows.getBoolean(1) ? 1 : 0;
                }
            }
            return killed;
        }
    }
}
