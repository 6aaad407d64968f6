package dev.conveyor.adapter.postgres;

import dev.conveyor.adapter.postgres.schema.tables.records.JobRecord;
import dev.conveyor.model.AuditEvent;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobPage;
import dev.conveyor.model.JobQuery;
import dev.conveyor.model.JobRef;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.LeaseRenewal;
import dev.conveyor.model.ProgressUpdate;
import dev.conveyor.model.TenantId;
import dev.conveyor.model.WorkerId;
import dev.conveyor.port.out.JobStore;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.Record3;
import org.jooq.ResultQuery;
import org.jooq.Row2;
import org.jooq.impl.DSL;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;

import static dev.conveyor.adapter.postgres.schema.tables.Job.JOB;

/** The job store on PostgreSQL: single-row writes go through group commit, the rest are single statements. */
final class PostgresJobStore implements JobStore {

    /** Rounds of insert-then-read an idempotent insert makes when the job holding its key is deleted in between. */
    private static final int KEY_ATTEMPTS = 3;
    /**
     * The oldest expired jobs, finished ones first, each kind found on the ttl_from index ({0}: the finished cutoff,
     * {1}: the idle cutoff, {2}: the batch), deleted when they are still expired as the delete reaches them (the same
     * cutoffs again, {3} and {4}), their audit events with them; answers how many jobs went.
     */
    private static final String DELETE_EXPIRED = """
            with candidate as (
                select id from (
                    (select id from job where ttl_from < {0} and status in ('COMPLETED', 'FAILED', 'CANCELLED')
                     order by ttl_from)
                    union all
                    (select id from job where ttl_from < {1} and status in ('CREATED', 'AWAITING_REVIEW')
                     order by ttl_from)) expired
                limit {2}),
            gone as (
                delete from job where id in (select id from candidate)
                    and ((status in ('COMPLETED', 'FAILED', 'CANCELLED') and ttl_from < {3})
                      or (status in ('CREATED', 'AWAITING_REVIEW') and ttl_from < {4}))
                returning tenant, id),
            audit as (
                delete from audit_event using gone
                where audit_event.tenant = gone.tenant and audit_event.job_id = gone.id)
            select count(*) from gone""";

    private final Database database;
    private final GroupCommitWriter writer;
    private final StoreCounters counters;
    private final ClaimCombiner claims = new ClaimCombiner(this::claimNow);
    private final JobReads reads;

    PostgresJobStore(Database database, GroupCommitWriter writer, JobReads reads, StoreCounters counters) {
        this.database = database;
        this.writer = writer;
        this.reads = reads;
        this.counters = counters;
    }

    @Override
    public void insert(Job job) {
        Objects.requireNonNull(job, "job must not be null");
        if (writer.write(JobWrites.INSERT, JobWrites.insert(job), job.id().value(), List.of()) == 0) {
            throw new IllegalStateException("job " + job.id() + " already exists");
        }
    }

    /** One statement and one transaction for all of them; none is added when any id exists already. */
    @Override
    public void insertAll(List<Job> jobs) {
        insertAll(jobs, List.of());
    }

    /** A single job goes through group commit; a batch as one statement, its events inserted by it too. */
    @Override
    public void insertAll(List<Job> jobs, List<AuditEvent> events) {
        Objects.requireNonNull(jobs, "jobs must not be null");
        Objects.requireNonNull(events, "events must not be null");
        if (jobs.isEmpty()) {
            return;
        }
        if (jobs.size() == 1) {
            Job job = Objects.requireNonNull(jobs.getFirst(), "jobs must not contain null");
            if (writer.write(JobWrites.INSERT, JobWrites.insert(job), job.id().value(), events) == 0) {
                throw new IllegalStateException("job " + job.id() + " already exists");
            }
            return;
        }
        Map<UUID, List<AuditEvent>> byJob = new HashMap<>();
        events.forEach(event -> byJob.computeIfAbsent(event.jobId().value(), id -> new ArrayList<>()).add(event));
        List<SetWrite.Row> rows = new ArrayList<>(jobs.size());
        Set<UUID> ids = new HashSet<>();
        for (Job job : jobs) {
            Objects.requireNonNull(job, "jobs must not contain null");
            if (!ids.add(job.id().value())) {
                throw new IllegalArgumentException("job " + job.id() + " appears twice in the batch");
            }
            rows.add(new SetWrite.Row(JobWrites.insert(job), job.id().value(),
                    byJob.getOrDefault(job.id().value(), List.of())));
        }
        long started = System.nanoTime();
        database.inJdbcTransactionWrite((connection, unknown) -> {
            Set<Integer> inserted = JobWrites.INSERT.execute(connection, rows, unknown);
            if (inserted.size() < rows.size()) {
                List<String> existing = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    if (!inserted.contains(i)) {
                        existing.add(rows.get(i).id().toString());
                    }
                }
                throw new IllegalStateException("no job of the batch was added: these already exist: "
                        + String.join(", ", existing));
            }
            return inserted.size();
        });
        counters.committed(jobs.size(), started);
        counters.sent(1);
    }

    /**
     * The unique index on (tenant, idempotency key) decides: the insert's {@code ON CONFLICT DO NOTHING} skips a job
     * whose key is held (its events with it), and the holders are then read in the same transaction. A single job
     * goes through group commit, where racing submits share one statement and the first row with a key wins.
     */
    @Override
    public List<Job> insertOrFind(List<Job> jobs, List<AuditEvent> events) {
        Objects.requireNonNull(jobs, "jobs must not be null");
        Objects.requireNonNull(events, "events must not be null");
        if (jobs.isEmpty()) {
            return List.of();
        }
        if (jobs.size() == 1) {
            Job job = Objects.requireNonNull(jobs.getFirst(), "jobs must not contain null");
            for (int attempt = 0; attempt < KEY_ATTEMPTS; attempt++) {
                if (writer.write(JobWrites.INSERT, JobWrites.insert(job), job.id().value(), events) == 1) {
                    return jobs;
                }
                requireKey(job);
                Optional<Job> holder = Optional.ofNullable(database.jdbc(connection ->
                        KeyLookup.holders(connection, List.of(KeyLookup.Key.of(job))).get(KeyLookup.Key.of(job))));
                if (holder.isPresent()) {
                    return List.of(holder.get());
                }
            }
            throw keyChurn(job);
        }
        Map<UUID, List<AuditEvent>> byJob = new HashMap<>();
        events.forEach(event -> byJob.computeIfAbsent(event.jobId().value(), id -> new ArrayList<>()).add(event));
        long started = System.nanoTime();
        List<Job> stored = database.inJdbcTransaction(connection -> {
            Job[] answer = new Job[jobs.size()];
            List<Integer> open = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) {
                open.add(i);
            }
            for (int attempt = 0; attempt < KEY_ATTEMPTS && !open.isEmpty(); attempt++) {
                List<SetWrite.Row> rows = open.stream().map(i -> new SetWrite.Row(JobWrites.insert(jobs.get(i)),
                        jobs.get(i).id().value(), byJob.getOrDefault(jobs.get(i).id().value(), List.of()))).toList();
                Set<Integer> inserted = JobWrites.INSERT.execute(connection, rows);
                List<Integer> lost = new ArrayList<>();
                for (int r = 0; r < rows.size(); r++) {
                    int i = open.get(r);
                    if (inserted.contains(r)) {
                        answer[i] = jobs.get(i);
                    } else {
                        requireKey(jobs.get(i));
                        lost.add(i);
                    }
                }
                Map<KeyLookup.Key, Job> holders = KeyLookup.holders(connection,
                        lost.stream().map(i -> KeyLookup.Key.of(jobs.get(i))).toList());
                open = new ArrayList<>();
                for (int i : lost) {
                    answer[i] = holders.get(KeyLookup.Key.of(jobs.get(i)));
                    if (answer[i] == null) {
                        open.add(i); // its holder was deleted in between: the key is free again
                    }
                }
            }
            if (!open.isEmpty()) {
                throw keyChurn(jobs.get(open.getFirst()));
            }
            return List.of(answer);
        });
        counters.committed(jobs.size(), started);
        counters.sent(1);
        return stored;
    }

    /** A job that lost without a key lost on its id, which a new job never shares. */
    private static void requireKey(Job job) {
        if (job.idempotency().isEmpty()) {
            throw new IllegalStateException("job " + job.id() + " already exists");
        }
    }

    private static IllegalStateException keyChurn(Job job) {
        return new IllegalStateException("idempotency key " + job.idempotency().orElseThrow().key() + " was taken and "
                + "freed " + KEY_ATTEMPTS + " times while job " + job.id() + " was being added; submit it again");
    }

    @Override
    public Optional<Job> find(TenantId tenant, JobId id) {
        Objects.requireNonNull(tenant, "tenant must not be null");
        Objects.requireNonNull(id, "id must not be null");
        return reads.find(tenant, id);
    }

    @Override
    public Map<JobId, Job> findAll(TenantId tenant, Collection<JobId> ids) {
        return reads.findAll(tenant, ids);
    }

    @Override
    public Map<String, Job> newestByItem(TenantId tenant, String pipeline, Collection<String> items) {
        return ItemLookup.newestByItem(database, tenant, pipeline, items);
    }

    @Override
    public JobPage list(TenantId tenant, JobQuery query) {
        Condition where = JOB.TENANT.eq(tenant.value());
        if (query.status().isPresent()) {
            where = where.and(JOB.STATUS.eq(query.status().get().name()));
        }
        if (query.pipeline().isPresent()) {
            where = where.and(JOB.PIPELINE.eq(query.pipeline().get()));
        }
        if (query.cursor().isPresent()) {
            ListCursor after = ListCursor.decode(query.cursor().get());
            where = where.and(DSL.row(JOB.CREATED_AT, JOB.ID).lt(JobMapper.time(after.createdAt()), after.id()));
        }
        Condition condition = where;
        List<Job> jobs = database.call(dsl -> dsl.selectFrom(JOB).where(condition)
                .orderBy(JOB.CREATED_AT.desc(), JOB.ID.desc())
                .limit(query.limit() + 1)
                .fetch(JobMapper::toJob));
        if (jobs.size() <= query.limit()) {
            return new JobPage(jobs, Optional.empty());
        }
        List<Job> page = jobs.subList(0, query.limit());
        Job last = page.getLast();
        return new JobPage(page, Optional.of(new ListCursor(last.createdAt(), last.id().value()).encode()));
    }

    @Override
    public Optional<Job> update(Job job) {
        Objects.requireNonNull(job, "job must not be null");
        return update(job, List.of());
    }

    /** The update and the audit events it carries go in one statement, in one transaction. */
    @Override
    public Optional<Job> update(Job job, List<AuditEvent> events) {
        Objects.requireNonNull(job, "job must not be null");
        Objects.requireNonNull(events, "events must not be null");
        return writer.write(JobWrites.UPDATE, JobWrites.update(job), job.id().value(), events) == 1
                ? Optional.of(next(job)) : Optional.empty();
    }

    @Override
    public Optional<Job> startIfIdle(Job started) {
        Objects.requireNonNull(started, "started must not be null");
        return writer.write(JobWrites.START_IF_IDLE, JobWrites.startIfIdle(started), started.id().value(),
                List.of()) == 1
                ? Optional.of(next(started)) : Optional.empty();
    }

    @Override
    public List<Job> claim(WorkerId worker, Set<String> pipelines, int max, Instant now, Duration leaseLength) {
        if (max < 1 || pipelines.isEmpty()) {
            return List.of();
        }
        database.requireAvailable(); // not queued behind a claim that waits on a database that is down
        return claims.claim(worker, pipelines, max, now, leaseLength, null);
    }

    /** The claim and each run's first transition, with its audit events, are one row write per job. */
    @Override
    public List<Job> claim(WorkerId worker, Set<String> pipelines, int max, Instant now, Duration leaseLength,
                           FirstTransition first) {
        Objects.requireNonNull(first, "first must not be null");
        if (max < 1 || pipelines.isEmpty()) {
            return List.of();
        }
        database.requireAvailable();
        return claims.claim(worker, pipelines, max, now, leaseLength, first);
    }

    private List<Job> claimNow(WorkerId worker, Set<String> pipelines, int max, Instant now, Duration leaseLength,
                               IntFunction<FirstTransition> firstOf) {
        boolean starting = false;
        for (int i = 0; i < max && !starting; i++) {
            starting = firstOf.apply(i) != null;
        }
        List<Job> claimed = starting
                ? ClaimStatement.claimAndStart(database, worker, pipelines, max, now, leaseLength, firstOf)
                : ClaimStatement.claim(database, worker, pipelines, max, now, leaseLength);
        counters.claimed(claimed.size());
        if (starting && !claimed.isEmpty()) {
            counters.sent(1); // the update after the claim's select
        }
        return claimed;
    }

    @Override
    public LeaseRenewal renewLeases(WorkerId worker, Collection<JobRef> jobs, Instant now, Duration leaseLength) {
        if (jobs.isEmpty()) {
            return new LeaseRenewal(Set.of(), Set.of());
        }
        List<Row2<String, UUID>> refs = jobs.stream()
                .map(ref -> DSL.row(ref.tenant().value(), ref.id().value())).toList();
        List<Record3<UUID, String, Boolean>> renewed = database.call(dsl -> dsl.update(JOB)
                .set(JOB.LEASE_EXPIRES_AT, JobMapper.time(now.plus(leaseLength)))
                .where(JOB.STATUS.eq(DSL.inline(JobStatus.RUNNING.name())))
                .and(JOB.LEASE_OWNER.eq(worker.value()))
                .and(DSL.row(JOB.TENANT, JOB.ID).in(refs))
                .returningResult(JOB.ID, JOB.TENANT, JOB.CANCEL_REQUESTED)
                .fetch());
        Set<JobRef> lost = new HashSet<>(jobs);
        Set<JobRef> cancel = new HashSet<>();
        for (Record3<UUID, String, Boolean> row : renewed) {
            JobRef ref = new JobRef(new TenantId(row.value2()), new JobId(row.value1()));
            lost.remove(ref);
            if (row.value3()) {
                cancel.add(ref);
            }
        }
        return new LeaseRenewal(lost, cancel);
    }

    /** One statement: every expired lease's job back in the queue, the loss of its worker counted on it. */
    @Override
    public int requeueExpired(Instant now) {
        OffsetDateTime at = JobMapper.time(now);
        return database.call(dsl -> dsl.update(JOB)
                .set(JOB.STATUS, JobStatus.QUEUED.name())
                .setNull(JOB.LEASE_OWNER)
                .setNull(JOB.LEASE_EXPIRES_AT)
                .set(JOB.UPDATED_AT, at)
                .set(JOB.QUEUED_AT, DSL.when(JOB.PROCESSING.isTrue(), at))
                .set(JOB.WORKER_LOSSES, JOB.WORKER_LOSSES.plus(1).cast(Short.class))
                .set(JOB.VERSION, JOB.VERSION.plus(1))
                .where(JOB.STATUS.eq(DSL.inline(JobStatus.RUNNING.name())))
                .and(JOB.LEASE_EXPIRES_AT.le(at))
                .execute());
    }

    @Override
    public Optional<Instant> oldestQueuedAt() {
        return database.call(dsl -> oldestQueued(dsl).fetchOptional(JOB.QUEUED_AT)).map(OffsetDateTime::toInstant);
    }

    @Override
    public long queuedCount() {
        return database.call(dsl -> queued(dsl).fetchOne(0, Long.class));
    }

    /** Counts the queue index's entries (queued_at IS NOT NULL is its predicate): no scan of finished jobs. */
    static ResultQuery<Record1<Integer>> queued(DSLContext dsl) {
        return dsl.selectCount().from(JOB).where(JOB.QUEUED_AT.isNotNull());
    }

    /** The first entry of the queue index (queued_at, id WHERE queued_at IS NOT NULL): one index probe. */
    static ResultQuery<Record1<OffsetDateTime>> oldestQueued(DSLContext dsl) {
        return dsl.select(JOB.QUEUED_AT).from(JOB)
                .where(JOB.QUEUED_AT.isNotNull())
                .orderBy(JOB.QUEUED_AT)
                .limit(1);
    }

    @Override
    public boolean saveProgress(TenantId tenant, JobId id, WorkerId worker, ProgressUpdate update) {
        counters.progressWritten();
        return writer.write(JobWrites.PROGRESS, JobWrites.progress(tenant, id, worker, update), id.value(),
                List.of()) == 1;
    }

    /** One statement, one transaction for the whole flush. */
    @Override
    public List<Boolean> saveProgressAll(WorkerId worker, List<ProgressSave> saves) {
        Objects.requireNonNull(worker, "worker must not be null");
        if (saves.isEmpty()) {
            return List.of();
        }
        List<SetWrite.Row> rows = saves.stream().map(save -> new SetWrite.Row(JobWrites.progress(save.job().tenant(),
                save.job().id(), worker, save.update()), save.job().id().value(), List.of())).toList();
        long started = System.nanoTime();
        Set<Integer> written = database.inJdbcTransaction(connection -> JobWrites.PROGRESS.execute(connection, rows));
        counters.committed(rows.size(), started);
        counters.sent(1);
        saves.forEach(save -> counters.progressWritten());
        List<Boolean> outcome = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            outcome.add(written.contains(i));
        }
        return outcome;
    }

    /**
     * One statement per batch: the oldest expired jobs (finished ones past the TTL, then idle ones past the idle
     * TTL, each found on the ttl_from index), deleted with their audit events. The delete checks each row's
     * expiry again, so a job that moved on meanwhile (resumed, started) stays.
     */
    @Override
    public int deleteExpired(Instant finishedBefore, Instant idleBefore, int max) {
        Objects.requireNonNull(finishedBefore, "finishedBefore must not be null");
        Objects.requireNonNull(idleBefore, "idleBefore must not be null");
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        OffsetDateTime finished = JobMapper.time(finishedBefore);
        OffsetDateTime idle = JobMapper.time(idleBefore);
        Integer deleted = database.call(dsl -> dsl.resultQuery(DELETE_EXPIRED, finished, idle, max, finished, idle)
                .fetchOne(0, Integer.class));
        counters.sent(1);
        PostgresNotificationOutbox.prune(database, Instant.now());
        return deleted == null ? 0 : deleted;
    }

    private static Job next(Job written) {
        return written.toBuilder().version(written.version() + 1).build();
    }
}
