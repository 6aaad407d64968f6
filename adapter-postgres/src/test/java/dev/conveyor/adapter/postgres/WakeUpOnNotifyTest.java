package dev.conveyor.adapter.postgres;

import dev.conveyor.core.Conveyor;
import dev.conveyor.core.store.JobBuilder;
import dev.conveyor.core.support.ForwardingJobStore;
import dev.conveyor.model.AuditEvent;
import dev.conveyor.model.Job;
import dev.conveyor.model.WorkerId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.out.JobStore;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
        ClaimWatch claims = new ClaimWatch(here.jobStore());
        // The engine's own registration starts the listener, so its call once listening comes for sure.
        try (Conveyor worker = Conveyor.builder().store(claims).timings(here.stepTimings()).pipeline(noop)
                     .workers(1).pollInterval(Duration.ofMinutes(1)).wakeUpOn(wake -> here.onWorkQueued(() -> {
                         claims.woken();
                         wake.run();
                         heard.release();
                     })).start();
             Conveyor submitter = Conveyor.builder().store(anotherProcess.jobStore()).pipeline(noop).workers(0)
                     .start()) {
            awaitListening();
            claims.awaitIdleAfterWakeUp();

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

    /**
     * The engine's store, watching its claims: which have started and ended, and how many had started when the
     * listener last woke the workers (it does once it listens, and the worker then looks for work).
     */
    private static final class ClaimWatch extends ForwardingJobStore {
        private final AtomicInteger started = new AtomicInteger();
        private final AtomicInteger ended = new AtomicInteger();
        private final AtomicInteger startedWhenWoken = new AtomicInteger(-1);

        ClaimWatch(JobStore store) {
            super(store);
        }

        void woken() {
            startedWhenWoken.set(started.get());
        }

        /**
         * The listener has woken the worker, and a claim begun after that wake-up has found nothing and ended,
         * with none running: the worker waits for the next wake-up or its poll, a minute away.
         */
        void awaitIdleAfterWakeUp() throws Exception {
            TestDatabase.awaitTrue(() -> startedWhenWoken.get() >= 0 && ended.get() > startedWhenWoken.get()
                    && ended.get() == started.get(), "the woken worker should have looked for work and found none");
        }

        @Override
        public List<Job> claim(WorkerId worker, Set<String> pipelines, int max, Instant now, Duration leaseLength) {
            started.incrementAndGet();
            try {
                return delegate().claim(worker, pipelines, max, now, leaseLength);
            } finally {
                ended.incrementAndGet();
            }
        }

        @Override
        public Optional<Job> update(Job job, List<AuditEvent> events) {
            return delegate().update(job, events);
        }

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
