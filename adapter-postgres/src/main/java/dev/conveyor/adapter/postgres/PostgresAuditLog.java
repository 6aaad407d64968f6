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
 * {@link #record}, one insert each. An event that tells news (a stall) writes its notification outbox row in the
 * same statement ({@link PostgresNotificationOutbox}).
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
        String news = PostgresNotificationOutbox.eventOf(event.type());
        if (news == null) {
            database.call(dsl -> dsl.insertInto(AUDIT_EVENT)
                    .set(AUDIT_EVENT.TENANT, event.tenant().value())
                    .set(AUDIT_EVENT.JOB_ID, event.jobId().value())
                    .set(AUDIT_EVENT.TYPE, event.type())
                    .set(AUDIT_EVENT.AT, JobMapper.time(event.at()))
                    .set(AUDIT_EVENT.DETAILS, JobJson.payload(event.details()))
                    .execute());
        } else {
            // the event and the news it tells (a stall), in one statement
            database.call(dsl -> dsl.execute("with audit as (insert into audit_event (tenant, job_id, type, at, details)"
                            + " values (?, ?, ?, ?::timestamptz, ?::jsonb)) insert into notification_outbox"
                            + " (id, tenant, job_id, event, step, at) values (gen_random_uuid(), ?, ?, ?, ?, ?::timestamptz)",
                    event.tenant().value(), event.jobId().value(), event.type(), JobMapper.time(event.at()),
                    JobJson.payload(event.details()).data(), event.tenant().value(), event.jobId().value(), news,
                    PostgresNotificationOutbox.stepOf(event.type()), JobMapper.time(event.at())));
        }
        counters.sent(1);
    }

    @Override
    public boolean isKeptBy(JobStore store) {
        return store == keeper;
    }
}
