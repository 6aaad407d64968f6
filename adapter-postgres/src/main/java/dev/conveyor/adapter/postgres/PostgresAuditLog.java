package dev.conveyor.adapter.postgres;

import dev.conveyor.model.AuditEvent;
import dev.conveyor.port.out.AuditHook;
import dev.conveyor.port.out.JobStore;

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

    @Override
    public void record(AuditEvent event) {
        database.call(dsl -> dsl.insertInto(AUDIT_EVENT)
                .set(AUDIT_EVENT.TENANT, event.tenant().value())
                .set(AUDIT_EVENT.JOB_ID, event.jobId().value())
                .set(AUDIT_EVENT.TYPE, event.type())
                .set(AUDIT_EVENT.AT, JobMapper.time(event.at()))
                .set(AUDIT_EVENT.DETAILS, JobJson.payload(event.details()))
                .execute());
        counters.sent(1);
    }

    @Override
    public boolean isKeptBy(JobStore store) {
        return store == keeper;
    }
}
