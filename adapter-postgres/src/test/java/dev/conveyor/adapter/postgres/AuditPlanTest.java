package dev.conveyor.adapter.postgres;

import dev.conveyor.model.AuditQuery;
import dev.conveyor.model.JobId;
import dev.conveyor.model.TenantId;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit log grows by a dozen events per job and is kept with one index, its key (job_id, at, id). Every read
 * of it (a page of a job's events, after a cursor or not; the check a retried insert makes; the delete of an
 * expired job's events) walks that key, with the one plan a pooled connection keeps for each statement, whether
 * or not the planner has statistics yet.
 */
class AuditPlanTest {

    private static final int JOBS = 3_000;
    private static final int EVENTS_PER_JOB = 12;
    private static final DSLContext POSTGRES = DSL.using(SQLDialect.POSTGRES);

    private PostgresConfig config;
    private PostgresStores stores;

    @BeforeEach
    void aLongAuditLogNotYetAnalyzed() {
        config = TestDatabase.freshSchema(AuditPlanTest.class);
        stores = PostgresStores.connect(config);
        TestDatabase.execute("ALTER TABLE " + config.schema() + ".audit_event SET (autovacuum_enabled = false)");
        TestDatabase.execute("INSERT INTO " + config.schema() + ".audit_event (tenant, job_id, type, at, details)"
                + " SELECT 'acme', job, 'STEP_COMPLETED', timestamptz '2026-01-01' + event * interval '1 second', '{}'"
                + " FROM (SELECT gen_random_uuid() AS job FROM generate_series(1, " + JOBS + ")) jobs,"
                + " generate_series(1, " + EVENTS_PER_JOB + ") event");
    }

    @AfterEach
    void dropSchema() {
        TestDatabase.closeAndDrop(stores, config);
    }

    @Test
    void everyReadWalksTheKeyBeforeAnyStatistics() throws Exception {
        assertEveryReadWalksTheKey();
    }

    @Test
    void everyReadWalksTheKeyWithFreshStatistics() throws Exception {
        TestDatabase.execute("ANALYZE " + config.schema() + ".audit_event");

        assertEveryReadWalksTheKey();
    }

    private void assertEveryReadWalksTheKey() throws Exception {
        TenantId tenant = new TenantId("acme");
        JobId job = new JobId(UUID.randomUUID());
        OffsetDateTime at = OffsetDateTime.of(2026, 1, 1, 0, 0, 5, 0, ZoneOffset.UTC);
        String cursor = at.toInstant().getEpochSecond() * 1_000_000 + "_" + 42;

        assertWalksTheKey(PostgresAuditLog.page(POSTGRES, tenant, job, AuditQuery.firstPage(50)));
        assertWalksTheKey(PostgresAuditLog.page(POSTGRES, tenant, job, new AuditQuery(50, Optional.of(cursor))));
        assertWalksTheKey(POSTGRES.query("select 1 from audit_event where tenant = ? and job_id = ?"
                + " and at = ?::timestamptz and type = ?", tenant.value(), job.value(), at, "STALLED"));
        assertWalksTheKey(POSTGRES.resultQuery(PostgresJobStore.DELETE_EXPIRED, at, at, 100, at, at));
    }

    private void assertWalksTheKey(Query query) throws Exception {
        String plan = GenericPlan.of(config.schema(), query);
        assertTrue(plan.contains("audit_event_pk"), plan);
        assertFalse(plan.contains("Seq Scan on audit_event"), plan);
    }
}
