package dev.conveyor.adapter.postgres;

import dev.conveyor.model.AuditEvent;
import dev.conveyor.port.out.AuditHook;
import dev.conveyor.port.out.JobStore;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

import java.time.OffsetDateTime;

import static dev.conveyor.adapter.postgres.schema.tables.AuditEvent.AUDIT_EVENT;

/**
 * Keeps the audit log in the {@code audit_event} table, next to the jobs it speaks of. The job store of the
 * same {@link PostgresStores} keeps it: a transition's events go in the statement that writes the transition
 * (see {@link SetWrite}), so the log is exactly as durable as the jobs' state, and a submit's in its insert.
 * Events no write carries (a retry's back-off, a cancel, retry or resume command's) come through
 * {@link #record}, one insert each.
 */
final class PostgresAuditLog implements AuditHook {

    private final Database database;
    private final StoreCounters counters;
    private final JobStore keeper;

    PostgresAuditLog(Database database, StoreCounters counters, JobStore keeper) {
        this.database = database;
        this.counters = counters;
        this.keeper = keeper;
    }

    /**
     * One insert. After an attempt whose outcome is unknown (see {@link Retrying}) the insert skips an event
     * already stored with the same job, type, time and details: the retry never adds the event twice.
     */
    @Override
    public void record(AuditEvent event) {
        JSONB details = JobJson.payload(event.details());
        OffsetDateTime at = JobMapper.time(event.at());
        database.callWrite((dsl, earlierMayHaveCommitted) -> {
            if (!earlierMayHaveCommitted) {
                return dsl.insertInto(AUDIT_EVENT)
                        .set(AUDIT_EVENT.TENANT, event.tenant().value())
                        .set(AUDIT_EVENT.JOB_ID, event.jobId().value())
                        .set(AUDIT_EVENT.TYPE, event.type())
                        .set(AUDIT_EVENT.AT, at)
                        .set(AUDIT_EVENT.DETAILS, details)
                        .execute();
            }
            return dsl.insertInto(AUDIT_EVENT, AUDIT_EVENT.TENANT, AUDIT_EVENT.JOB_ID, AUDIT_EVENT.TYPE,
                            AUDIT_EVENT.AT, AUDIT_EVENT.DETAILS)
                    .select(DSL.select(DSL.val(event.tenant().value()), DSL.val(event.jobId().value()),
                                    DSL.val(event.type()), DSL.val(at), DSL.val(details))
                            .whereNotExists(DSL.selectOne().from(AUDIT_EVENT)
                                    .where(AUDIT_EVENT.TENANT.eq(event.tenant().value()))
                                    .and(AUDIT_EVENT.JOB_ID.eq(event.jobId().value()))
                                    .and(AUDIT_EVENT.AT.eq(at))
                                    .and(AUDIT_EVENT.TYPE.eq(event.type()))
                                    .and(AUDIT_EVENT.DETAILS.eq(details))))
                    .execute();
        });
        counters.sent(1);
    }

    @Override
    public boolean isKeptBy(JobStore store) {
        return store == keeper;
    }
}
