package dev.conveyor.adapter.postgres;

import dev.conveyor.core.Conveyor;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.in.SubmitJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.conveyor.core.store.JobBuilder.aJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cleanup backlog never delays lease renewal: with 100,000 finished jobs (and their audit events) past their TTL,
 * the engine removes them in bounded batches while a job runs. Renewal comes every third of the lease, so a lease
 * with less than a third left would mean a renewal delayed past a third of the lease; the running job's lease,
 * read from the database every 20 ms throughout the cleanup, never gets there, and the job is never taken over.
 */
class CleanupBacklogTest {

    private static final int BACKLOG = 100_000;
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final TenantId ACME = TenantId.of("acme");

    private static PostgresConfig config;
    private static PostgresStores stores;

    @BeforeAll
    static void connect() {
        config = TestDatabase.freshSchema(CleanupBacklogTest.class);
        stores = PostgresStores.connect(config);
    }

    @AfterAll
    static void dropSchema() {
        TestDatabase.closeAndDrop(stores, config);
    }

    @Test
    void removingAHundredThousandExpiredJobsDoesNotDelayRenewalPastAThirdOfTheLease() throws Exception {
        Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2));
        Job template = aJob().finished(JobStatus.COMPLETED, twoDaysAgo).build();
        stores.jobStore().insert(template);
        String schema = config.schema();
        try (Connection c = TestDatabase.open(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + schema + ".job SELECT (jsonb_populate_record(t, jsonb_build_object('id', "
                    + "gen_random_uuid()))).* FROM " + schema + ".job t, generate_series(2, " + BACKLOG + ") "
                    + "WHERE t.id = '" + template.id().value() + "'");
            s.execute("INSERT INTO " + schema + ".audit_event (tenant, job_id, type, at, details) SELECT tenant, id, "
                    + "'pipeline_complete', finished_at, '{}' FROM " + schema + ".job");
            s.execute("ANALYZE " + schema + ".job");
            s.execute("ANALYZE " + schema + ".audit_event");
        }
        assertEquals(BACKLOG, count("job"));

        AtomicBoolean cleanedUp = new AtomicBoolean();
        PipelineDefinition longRun = PipelineDefinition.named("long-run").step("wait", ctx -> {
            while (!cleanedUp.get()) {
                ctx.checkpoint();
                Thread.sleep(20);
            }
        }).build();
        try (Conveyor conveyor = Conveyor.builder().store(stores.jobStore()).timings(stores.stepTimings())
                .pipeline(longRun).workers(1).leaseLength(LEASE).pollInterval(Duration.ofMillis(50))
                .cleanupInterval(Duration.ofMillis(200)).audit(stores.auditLog()).start()) {
            Job running = conveyor.submit(new SubmitJob(ACME, "long-run", Payload.of("n", 1),
                    PipelineOptions.defaults(), true)).orElseThrow();
            long version = awaitRunning(running);

            long started = System.nanoTime();
            long deadline = started + TimeUnit.MINUTES.toNanos(3);
            Duration leastLeaseLeft = LEASE;
            try (Connection watch = TestDatabase.open()) {
                do {
                    assertTrue(System.nanoTime() < deadline, "the backlog should be gone within 3 minutes");
                    Duration leaseLeft = Duration.between(Instant.now(), leaseExpiry(watch, running));
                    if (leaseLeft.compareTo(leastLeaseLeft) < 0) {
                        leastLeaseLeft = leaseLeft;
                    }
                    Thread.sleep(20);
                } while (anyFinishedJob(watch));
            }
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            cleanedUp.set(true);

            Job done = conveyor.await(ACME, running.id(), Duration.ofSeconds(30)).orElseThrow();
            System.out.printf("cleanup of %,d expired jobs took %,d ms; the running job's lease never had less than "
                    + "%,d ms of its %,d ms left%n", BACKLOG, tookMillis, leastLeaseLeft.toMillis(), LEASE.toMillis());
            assertTrue(leastLeaseLeft.compareTo(LEASE.dividedBy(3)) >= 0, "renewal was delayed past a third of the "
                    + "lease: only " + leastLeaseLeft.toMillis() + " ms of the lease was left at one point");
            assertEquals(JobStatus.COMPLETED, done.status());
            assertEquals(version + 1, done.version(), "the job was never taken over: one write after its claim");
            assertEquals(1, count("job"), "only the job that ran is left");
            assertEquals(0, countWhere("audit_event", "job_id <> '" + running.id().value() + "'"),
                    "the removed jobs' audit events went with them");
        }
    }

    private static long awaitRunning(Job job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Job now = stores.jobStore().find(job.tenant(), job.id()).orElseThrow();
            if (now.status() == JobStatus.RUNNING && now.lease().isPresent()) {
                return now.version();
            }
            assertTrue(System.nanoTime() < deadline, "the job should start");
            Thread.sleep(10);
        }
    }

    private static Instant leaseExpiry(Connection c, Job job) throws Exception {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT lease_expires_at FROM " + config.schema() + ".job WHERE id = ?")) {
            s.setObject(1, job.id().value());
            try (ResultSet row = s.executeQuery()) {
                row.next();
                return row.getObject(1, java.time.OffsetDateTime.class).toInstant();
            }
        }
    }

    private static boolean anyFinishedJob(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet row = s.executeQuery(
                "SELECT EXISTS (SELECT 1 FROM " + config.schema() + ".job WHERE status = 'COMPLETED')")) {
            row.next();
            return row.getBoolean(1);
        }
    }

    private static int count(String table) throws Exception {
        return countWhere(table, "true");
    }

    private static int countWhere(String table, String condition) throws Exception {
        try (Connection c = TestDatabase.open(); Statement s = c.createStatement(); ResultSet row = s.executeQuery(
                "SELECT count(*) FROM " + config.schema() + "." + table + " WHERE " + condition)) {
            row.next();
            return row.getInt(1);
        }
    }
}
