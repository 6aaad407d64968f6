package dev.conveyor.adapter.postgres;

import dev.conveyor.model.AuditEvent;
import dev.conveyor.port.out.AuditHook;

import static dev.conveyor.adapter.postgres.schema.tables.AuditEvent.AUDIT_EVENT;

/** Keeps the audit log in the {@code audit_event} table, next to the jobs it speaks of. */
final class PostgresAuditLog implements AuditHook {

    private final Database database;
    private final StoreCounters counters;

    PostgresAuditLog(Database database, StoreCounters counters) {
        this.database = database;
        this.counters = counters;
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
}
