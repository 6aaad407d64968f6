package dev.conveyor.adapter.postgres;

import dev.conveyor.adapter.postgres.schema.tables.records.NotificationDeliveryRecord;
import dev.conveyor.adapter.postgres.schema.tables.records.NotificationOutboxRecord;
import dev.conveyor.model.Delivery;
import dev.conveyor.model.JobId;
import dev.conveyor.model.NotificationEvent;
import dev.conveyor.model.OutboxEvent;
import dev.conveyor.model.TenantId;
import dev.conveyor.port.out.JobStore;
import dev.conveyor.port.out.NotificationOutbox;
import org.jooq.Condition;
import org.jooq.impl.DSL;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import static dev.conveyor.adapter.postgres.schema.tables.NotificationDelivery.NOTIFICATION_DELIVERY;
import static dev.conveyor.adapter.postgres.schema.tables.NotificationOutbox.NOTIFICATION_OUTBOX;

/**
 * The notification outbox and delivery log in PostgreSQL. The job store of the same {@link PostgresStores} writes
 * the outbox: each audit event that tells news ({@link NotificationEvent#ofAuditType}) adds a row in the statement
 * that writes the event, and so its transition ({@link SetWrite}; {@link PostgresAuditLog} for events no write
 * carries). Any number of processes plan and deliver: events and due deliveries are taken with
 * {@code FOR UPDATE SKIP LOCKED}, so each goes to one process at a time.
 */
final class PostgresNotificationOutbox implements NotificationOutbox {

    /** The head of the insert of a write's outbox rows ({@link SetWrite}), which selects the values. */
    static final String INSERT = "insert into notification_outbox (id, tenant, job_id, event, step, at)";

    /** How long finished deliveries stay in the log. */
    static final Duration LOG_KEPT = Duration.ofDays(7);
    /** How long an event may wait for a notifier before cleanup drops it. */
    static final Duration UNPLANNED_KEPT = Duration.ofDays(1);

    private final Database database;
    private final JobStore keeper;

    PostgresNotificationOutbox(Database database, JobStore keeper) {
        this.database = database;
        this.keeper = keeper;
    }

    /** The news an audit event of this type tells, as the outbox's {@code event} column holds it; null for none. */
    static String eventOf(String auditType) {
        return NotificationEvent.ofAuditType(auditType).map(NotificationEvent::wireName).orElse(null);
    }

    /** The outbox's {@code step} column for an audit event of this type: the step a stall names, else null. */
    static String stepOf(String auditType) {
        return NotificationEvent.stalledStep(auditType).orElse(null);
    }

    @Override
    public boolean isWrittenBy(JobStore store) {
        return store == keeper;
    }

    @Override
    public void add(OutboxEvent event) {
        Objects.requireNonNull(event, "event must not be null");
        database.call(dsl -> dsl.insertInto(NOTIFICATION_OUTBOX)
                .set(NOTIFICATION_OUTBOX.ID, event.id())
                .set(NOTIFICATION_OUTBOX.TENANT, event.tenant().value())
                .set(NOTIFICATION_OUTBOX.JOB_ID, event.jobId().value())
                .set(NOTIFICATION_OUTBOX.EVENT, event.event().wireName())
                .set(NOTIFICATION_OUTBOX.STEP, event.step().orElse(null))
                .set(NOTIFICATION_OUTBOX.AT, JobMapper.time(event.at()))
                .execute());
    }

    @Override
    public int plan(int max, Instant now, Function<OutboxEvent, List<Delivery.Planned>> plan) {
        return database.inTransaction(dsl -> {
            List<OutboxEvent> events = dsl.selectFrom(NOTIFICATION_OUTBOX)
                    .orderBy(NOTIFICATION_OUTBOX.AT, NOTIFICATION_OUTBOX.ID).limit(max).forUpdate().skipLocked()
                    .fetch(PostgresNotificationOutbox::event);
            if (events.isEmpty()) {
                return 0;
            }
            var insert = dsl.insertInto(NOTIFICATION_DELIVERY, NOTIFICATION_DELIVERY.MESSAGE_ID,
                    NOTIFICATION_DELIVERY.TENANT, NOTIFICATION_DELIVERY.JOB_ID, NOTIFICATION_DELIVERY.EVENT,
                    NOTIFICATION_DELIVERY.CHANNEL, NOTIFICATION_DELIVERY.TARGET, NOTIFICATION_DELIVERY.BODY,
                    NOTIFICATION_DELIVERY.STATUS, NOTIFICATION_DELIVERY.ATTEMPTS, NOTIFICATION_DELIVERY.CREATED_AT,
                    NOTIFICATION_DELIVERY.NEXT_ATTEMPT_AT);
            int deliveries = 0;
            for (OutboxEvent event : events) {
                for (Delivery.Planned p : plan.apply(event)) {
                    insert = insert.values(event.messageId(), event.tenant().value(), event.jobId().value(),
                            event.event().wireName(), p.channel(), p.target(), p.body(),
                            Delivery.Status.PENDING.name(), 0, JobMapper.time(now), JobMapper.time(now));
                    deliveries++;
                }
            }
            if (deliveries > 0) {
                insert.execute();
            }
            dsl.deleteFrom(NOTIFICATION_OUTBOX)
                    .where(NOTIFICATION_OUTBOX.ID.in(events.stream().map(OutboxEvent::id).toList())).execute();
            return events.size();
        });
    }

    @Override
    public List<Delivery> claimDue(int max, Instant now, Duration lease) {
        var due = DSL.select(NOTIFICATION_DELIVERY.ID).from(NOTIFICATION_DELIVERY)
                .where(NOTIFICATION_DELIVERY.STATUS.eq(DSL.inline(Delivery.Status.PENDING.name())))
                .and(NOTIFICATION_DELIVERY.NEXT_ATTEMPT_AT.le(JobMapper.time(now)))
                .orderBy(NOTIFICATION_DELIVERY.NEXT_ATTEMPT_AT, NOTIFICATION_DELIVERY.ID).limit(max)
                .forUpdate().skipLocked();
        return database.call(dsl -> dsl.update(NOTIFICATION_DELIVERY)
                .set(NOTIFICATION_DELIVERY.ATTEMPTS, NOTIFICATION_DELIVERY.ATTEMPTS.plus(1))
                .set(NOTIFICATION_DELIVERY.NEXT_ATTEMPT_AT, JobMapper.time(now.plus(lease)))
                .set(NOTIFICATION_DELIVERY.LAST_ATTEMPT_AT, JobMapper.time(now))
                .where(NOTIFICATION_DELIVERY.ID.in(due))
                .returning().fetch(PostgresNotificationOutbox::delivery))
                .stream().sorted(java.util.Comparator.comparing(Delivery::nextAttemptAt)
                        .thenComparingLong(Delivery::id)).toList();
    }

    @Override
    public void record(long id, Delivery.Outcome outcome, Instant now) {
        Delivery.Status status = switch (outcome) {
            case Delivery.Outcome.Delivered ignored -> Delivery.Status.DELIVERED;
            case Delivery.Outcome.RetryAt ignored -> Delivery.Status.PENDING;
            case Delivery.Outcome.Dead ignored -> Delivery.Status.DEAD;
        };
        database.call(dsl -> {
            var update = dsl.update(NOTIFICATION_DELIVERY)
                    .set(NOTIFICATION_DELIVERY.STATUS, status.name())
                    .set(NOTIFICATION_DELIVERY.LAST_ATTEMPT_AT, JobMapper.time(now))
                    .set(NOTIFICATION_DELIVERY.LAST_RESULT, outcome.result());
            if (outcome instanceof Delivery.Outcome.RetryAt retry) {
                update = update.set(NOTIFICATION_DELIVERY.NEXT_ATTEMPT_AT, JobMapper.time(retry.at()));
            }
            return update.where(NOTIFICATION_DELIVERY.ID.eq(id)).execute();
        });
    }

    @Override
    public List<Delivery> deliveries(TenantId tenant, Optional<JobId> job, int limit) {
        Condition where = NOTIFICATION_DELIVERY.TENANT.eq(tenant.value());
        if (job.isPresent()) {
            where = where.and(NOTIFICATION_DELIVERY.JOB_ID.eq(job.get().value()));
        }
        Condition condition = where;
        return database.call(dsl -> dsl.selectFrom(NOTIFICATION_DELIVERY).where(condition)
                .orderBy(NOTIFICATION_DELIVERY.ID.desc()).limit(limit)
                .fetch(PostgresNotificationOutbox::delivery));
    }

    /**
     * Drops finished deliveries older than a week and events no notifier planned within a day (nothing delivers
     * them: no process has notifications configured). Part of the job store's cleanup.
     */
    static int prune(Database database, Instant now) {
        return database.call(dsl -> dsl.deleteFrom(NOTIFICATION_DELIVERY)
                .where(NOTIFICATION_DELIVERY.CREATED_AT.lt(JobMapper.time(now.minus(LOG_KEPT))))
                .and(NOTIFICATION_DELIVERY.STATUS.ne(Delivery.Status.PENDING.name())).execute()
                + dsl.deleteFrom(NOTIFICATION_OUTBOX)
                .where(NOTIFICATION_OUTBOX.AT.lt(JobMapper.time(now.minus(UNPLANNED_KEPT)))).execute());
    }

    private static OutboxEvent event(NotificationOutboxRecord row) {
        return new OutboxEvent(row.getId(), new TenantId(row.getTenant()), new JobId(row.getJobId()),
                NotificationEvent.parse(row.getEvent()), Optional.ofNullable(row.getStep()),
                row.getAt().toInstant());
    }

    private static Delivery delivery(NotificationDeliveryRecord row) {
        return new Delivery(row.getId(), row.getMessageId(), new TenantId(row.getTenant()),
                new JobId(row.getJobId()), NotificationEvent.parse(row.getEvent()), row.getChannel(),
                row.getTarget(), row.getBody(), Delivery.Status.valueOf(row.getStatus()), row.getAttempts(),
                row.getCreatedAt().toInstant(), row.getNextAttemptAt().toInstant(),
                Optional.ofNullable(row.getLastAttemptAt()).map(java.time.OffsetDateTime::toInstant),
                Optional.ofNullable(row.getLastResult()));
    }
}
