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

    private static final int DELETE_CHUNK = 1_000;
    private static final List<String> FINISHED = List.of(JobStatus.COMPLETED.name(), JobStatus.FAILED.name(),
            JobStatus.CANCELLED.name());

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
        database.inJdbcTransaction(connection -> {
            Set<Integer> inserted = JobWrites.INSERT.execute(connection, rows);
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
                .where(JOB.STATUS.eq(JobStatus.RUNNING.name()))
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

    @Override
    public int requeueExpired(Instant now) {
        OffsetDateTime at = JobMapper.time(now);
        return database.call(dsl -> dsl.update(JOB)
                .set(JOB.STATUS, JobStatus.QUEUED.name())
                .setNull(JOB.LEASE_OWNER)
                .setNull(JOB.LEASE_EXPIRES_AT)
                .set(JOB.UPDATED_AT, at)
                .set(JOB.QUEUED_AT, DSL.when(JOB.PROCESSING.isTrue(), at))
                .set(JOB.VERSION, JOB.VERSION.plus(1))
                .where(JOB.STATUS.eq(JobStatus.RUNNING.name()))
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

    @Override
    public int deleteFinishedBefore(Instant cutoff) {
        OffsetDateTime before = JobMapper.time(cutoff);
        int total = 0;
        int deleted;
        do {
            deleted = database.call(dsl -> dsl.deleteFrom(JOB)
                    .where(JOB.ID.in(DSL.select(JOB.ID).from(JOB)
                            .where(JOB.TTL_FROM.lt(before))
                            .and(JOB.STATUS.in(FINISHED))
                            .limit(DELETE_CHUNK)))
                    .execute());
            total += deleted;
        } while (deleted == DELETE_CHUNK);
        PostgresNotificationOutbox.prune(database, Instant.now());
        return total;
    }

    private static Job next(Job written) {
        return written.toBuilder().version(written.version() + 1).build();
    }
}
