package dev.conveyor.adapter.postgres;

import dev.conveyor.model.AuditEvent;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.port.out.JobStore;
import dev.conveyor.testing.postgres.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static dev.conveyor.core.store.JobBuilder.aJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A write whose connection is lost after PostgreSQL committed it, before its answer arrived (a TCP proxy lets the
 * statement through and then resets the connection): the store retries it, and the retry neither adds a second
 * row nor mistakes the first attempt's row for someone else's. Each test checks the cut hit the write under test
 * (a retry after an unknown outcome happened) and that PostgreSQL holds each row and audit event exactly once.
 */
class LostConnectionRetryTest {

    private static TcpProxy proxy;
    private static PostgresConfig config;
    private static PostgresStores stores;
    private static JobStore store;

    @BeforeAll
    static void connect() {
        PostgresConfig direct = TestDatabase.freshSchema(LostConnectionRetryTest.class);
        proxy = TcpProxy.toJdbcUrl(direct.jdbcUrl());
        config = new PostgresConfig(proxy.route(direct.jdbcUrl()), direct.user(), direct.password(), direct.schema(),
                direct.poolSize(), direct.connectTimeout(), direct.writers(), direct.statementTimeout(),
                direct.breakerWait());
        stores = PostgresStores.connect(config);
        store = stores.jobStore();
    }

    @AfterAll
    static void dropSchema() {
        TestDatabase.closeAndDrop(stores, config);
        proxy.close();
    }

    @Test
    void aJobInsertRetriedAfterItsCommitIsStoredOnceAndNotReportedAsExisting() throws Exception {
        Job job = aJob().withStatus(JobStatus.QUEUED).build();
        AuditEvent queued = event(job, "pipeline_queued");

        long before = cutTheNextStatement();
        store.insertAll(List.of(job), List.of(queued)); // throws "already exists" if the retry is not recognised

        assertEquals(before + 1, stores.retriesAfterUnknownOutcome(), "the insert's connection was cut");
        assertEquals(Optional.of(job), store.find(job.tenant(), job.id()));
        assertEquals(1, count("select count(*) from job where id = ?", job.id()));
        assertEquals(1, count("select count(*) from audit_event where job_id = ?", job.id()));
    }

    @Test
    void aBatchInsertRetriedAfterItsCommitStoresEveryJobOnce() throws Exception {
        List<Job> jobs = List.of(aJob().build(), aJob().build(), aJob().build());
        List<AuditEvent> events = jobs.stream().map(job -> event(job, "pipeline_created")).toList();

        long before = cutTheNextStatement();
        store.insertAll(jobs, events);

        assertEquals(before + 1, stores.retriesAfterUnknownOutcome(), "the batch's connection was cut");
        for (Job job : jobs) {
            assertEquals(1, count("select count(*) from job where id = ?", job.id()));
            assertEquals(1, count("select count(*) from audit_event where job_id = ?", job.id()));
        }
    }

    @Test
    void anUpdateRetriedAfterItsCommitIsTakenAsWrittenNotAsALostRace() throws Exception {
        Job job = aJob().build();
        store.insert(job);
        Job changed = job.toBuilder().progress(40).updatedAt(Instant.now().truncatedTo(ChronoUnit.MICROS)).build();

        long before = cutTheNextStatement();
        Optional<Job> written = store.update(changed, List.of(event(job, "pipeline_extract_complete")));

        assertEquals(before + 1, stores.retriesAfterUnknownOutcome(), "the update's connection was cut");
        assertTrue(written.isPresent(), "the retry recognised the committed first attempt as its own");
        assertEquals(1, written.get().version());
        assertEquals(Optional.of(changed.toBuilder().version(1).build()), store.find(job.tenant(), job.id()));
        assertEquals(1, count("select count(*) from audit_event where job_id = ?", job.id()));
    }

    @Test
    void aStaleUpdateAfterALostConnectionStillLosesItsRace() throws Exception {
        Job job = aJob().build();
        store.insert(job);
        Job other = store.update(job.toBuilder().progress(10).build()).orElseThrow();
        Job stale = job.toBuilder().progress(90).updatedAt(Instant.now().truncatedTo(ChronoUnit.MICROS)).build();

        cutTheNextStatement();
        assertEquals(Optional.empty(), store.update(stale));

        assertEquals(Optional.of(other), store.find(job.tenant(), job.id()));
    }

    @Test
    void anAuditEventRetriedAfterItsCommitIsStoredOnce() throws Exception {
        Job job = aJob().build();
        store.insert(job);
        AuditEvent retrying = event(job, "pipeline_extract_retry");

        long before = cutTheNextStatement();
        stores.auditLog().record(retrying);

        assertEquals(before + 1, stores.retriesAfterUnknownOutcome(), "the audit insert's connection was cut");
        assertEquals(1, count("select count(*) from audit_event where job_id = ?", job.id()));
    }

    /**
     * Uses a pooled connection on this thread (so the next statement from this thread needs no validation query
     * and takes it again), then arms the cut.
     */
    private static long cutTheNextStatement() {
        store.find(aJob().build().tenant(), new JobId(java.util.UUID.randomUUID()));
        proxy.cutAfterNextRequest();
        return stores.retriesAfterUnknownOutcome();
    }

    private static AuditEvent event(Job job, String type) {
        return new AuditEvent(job.tenant(), job.id(), type, Instant.now().truncatedTo(ChronoUnit.MICROS),
                Payload.of("worker", "w-1"));
    }

    private static int count(String sql, JobId id) throws Exception {
        try (Connection connection = TestDatabase.open();
             PreparedStatement statement = connection.prepareStatement(
                     sql.replace(" from ", " from " + config.schema() + "."))) {
            statement.setObject(1, id.value());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
