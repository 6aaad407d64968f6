package dev.conveyor.adapter.postgres;

import dev.conveyor.model.AuditEvent;
import dev.conveyor.model.AuditPage;
import dev.conveyor.model.AuditQuery;
import dev.conveyor.model.JobId;
import dev.conveyor.model.TenantId;
import dev.conveyor.port.out.AuditHook;
import dev.conveyor.port.out.AuditTrail;
import dev.conveyor.port.out.JobStore;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static dev.conveyor.adapter.postgres.schema.tables.AuditEvent.AUDIT_EVENT;

/**
 * Keeps the audit log in the {@code audit_event} table, next to the jobs it speaks of. The job store of the
 * same {@link PostgresStores} keeps it: a transition's events go in the statement that writes the transition
 * (see {@link SetWrite}), so the log is exactly as durable as the jobs' state, and a submit's in its insert.
 * Events no write carries (a retry's back-off, a cancel, retry or resume command's) come through
 * {@link #record}, one insert each. An event that tells news (a stall) writes its notification outbox row in the
 * same statement ({@link PostgresNotificationOutbox}). Read back a page at a time, in time order (ties by
 * insertion), through the {@code (job_id, at, id)} key; the cursor is the last event's time and id.
 */
final class PostgresAuditLog implements AuditHook, AuditTrail {

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
        String news = PostgresNotificationOutbox.eventOf(event.type());
        if (news != null) {
            // The event and the news it tells (a stall), in one statement; written only when the event is not
            // stored yet, so a retry after a lost answer adds neither twice.
            database.callWrite((dsl, earlierMayHaveCommitted) -> dsl.execute("with audit as (insert into audit_event"
                            + " (tenant, job_id, type, at, details) select ?, ?, ?, ?::timestamptz, ?::jsonb where not exists"
                            + " (select 1 from audit_event where tenant = ? and job_id = ? and at = ?::timestamptz and type = ?)"
                            + " returning 1) insert into notification_outbox (id, tenant, job_id, event, step, at)"
                            + " select gen_random_uuid(), ?, ?, ?, ?, ?::timestamptz from audit",
                    event.tenant().value(), event.jobId().value(), event.type(), at, details.data(),
                    event.tenant().value(), event.jobId().value(), at, event.type(),
                    event.tenant().value(), event.jobId().value(), news, PostgresNotificationOutbox.stepOf(event.type()),
                    at));
            counters.sent(1);
            return;
        }
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

    @Override
    public AuditPage events(TenantId tenant, JobId id, AuditQuery query) {
        Result<? extends Record> rows = database.call(dsl -> page(dsl, tenant, id, query).fetch());
        boolean more = rows.size() > query.limit();
        List<? extends Record> page = more ? rows.subList(0, query.limit()) : rows;
        List<AuditEvent> events = page.stream().map(row -> new AuditEvent(tenant, id, row.get(AUDIT_EVENT.TYPE),
                row.get(AUDIT_EVENT.AT).toInstant(), JobJson.payload(row.get(AUDIT_EVENT.DETAILS)))).toList();
        Optional<String> next = Optional.empty();
        if (more) {
            Record last = page.getLast();
            next = Optional.of(new Cursor(last.get(AUDIT_EVENT.AT).toInstant(), last.get(AUDIT_EVENT.ID)).text());
        }
        return new AuditPage(events, next);
    }

    /** One page of a job's events and the first event of the next, if any: read in the order of the key. */
    static ResultQuery<? extends Record> page(DSLContext dsl, TenantId tenant, JobId id, AuditQuery query) {
        Condition where = AUDIT_EVENT.TENANT.eq(tenant.value()).and(AUDIT_EVENT.JOB_ID.eq(id.value()));
        if (query.cursor().isPresent()) {
            Cursor after = Cursor.parse(query.cursor().get());
            where = where.and(DSL.row(AUDIT_EVENT.AT, AUDIT_EVENT.ID).gt(JobMapper.time(after.at()), after.id()));
        }
        return dsl.select(AUDIT_EVENT.ID, AUDIT_EVENT.TYPE, AUDIT_EVENT.AT, AUDIT_EVENT.DETAILS)
                .from(AUDIT_EVENT).where(where).orderBy(AUDIT_EVENT.AT, AUDIT_EVENT.ID)
                .limit(query.limit() + 1);
    }

    /** Where a page ended: the last event's time, in microseconds as PostgreSQL keeps it, and its id. */
    private record Cursor(Instant at, long id) {

        String text() {
            return ChronoUnit.MICROS.between(Instant.EPOCH, at) + "_" + id;
        }

        static Cursor parse(String text) {
            int split = text.indexOf('_');
            try {
                if (split > 0) {
                    long micros = Long.parseLong(text.substring(0, split));
                    long id = Long.parseLong(text.substring(split + 1));
                    return new Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id);
                }
            } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
                // answered below
            }
            throw new IllegalArgumentException("not a cursor of this job's events");
        }
    }
}
