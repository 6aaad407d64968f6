package dev.conveyor.core.store;

import dev.conveyor.model.AuditEvent;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobPage;
import dev.conveyor.model.JobQuery;
import dev.conveyor.model.JobRef;
import dev.conveyor.model.LeaseRenewal;
import dev.conveyor.model.ProgressUpdate;
import dev.conveyor.model.TenantId;
import dev.conveyor.model.WorkerId;
import dev.conveyor.port.out.JobStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The embedded default {@link JobStore}: jobs in a concurrent map, with sorted indexes for the queue, the
 * leases, finished jobs and each tenant's listing. Every change to a job is one atomic step on that job's entry,
 * so writers to different jobs never wait on each other and racing writers to one job are serialised. It keeps
 * an audit log of its own ({@link #auditLog()}): a transition's events are in it once the transition's write is.
 */
public final class InMemoryJobStore implements JobStore {

    private final ConcurrentHashMap<JobId, Job> jobs = new ConcurrentHashMap<>();
    private final JobIndexes indexes = new JobIndexes();
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog(this);

    /**
     * This store's audit log, to register as an audit hook and read back as the trail: the engine then hands it a
     * transition's events with the write of the transition ({@link #update(Job, List)}), and the events of jobs
     * removed by cleanup go with them.
     */
    public InMemoryAuditLog auditLog() {
        return auditLog;
    }

    @Override
    public void insert(Job job) {
        Objects.requireNonNull(job, "job must not be null");
        jobs.compute(job.id(), (id, existing) -> {
            if (existing != null) {
                throw new IllegalStateException("job " + id + " already exists");
            }
            indexes.replace(null, job);
            return job;
        });
    }

    @Override
    public Optional<Job> find(TenantId tenant, JobId id) {
        Objects.requireNonNull(tenant, "tenant must not be null");
        Objects.requireNonNull(id, "id must not be null");
        return Optional.ofNullable(jobs.get(id)).filter(job -> job.tenant().equals(tenant));
    }

    @Override
    public JobPage list(TenantId tenant, JobQuery query) {
        Objects.requireNonNull(tenant, "tenant must not be null");
        Objects.requireNonNull(query, "query must not be null");
        NavigableSet<IndexKey> keys = indexes.newestFirst(tenant);
        if (query.cursor().isPresent()) {
            keys = keys.tailSet(ListCursor.decode(query.cursor().get()), false);
        }
        List<Job> page = new ArrayList<>(Math.min(query.limit(), 64));
        IndexKey last = null;
        for (IndexKey key : keys) {
            Job job = jobs.get(key.id());
            if (job == null || !job.tenant().equals(tenant) || !matches(query, job)) {
                continue;
            }
            if (page.size() == query.limit()) {
                return new JobPage(page, Optional.of(ListCursor.encode(last)));
            }
            page.add(job);
            last = key;
        }
        return new JobPage(page, Optional.empty());
    }

    @Override
    public Map<String, Job> newestByItem(TenantId tenant, String pipeline, Collection<String> items) {
        Objects.requireNonNull(tenant, "tenant must not be null");
        Objects.requireNonNull(pipeline, "pipeline must not be null");
        Map<String, Job> newest = new HashMap<>();
        for (String item : items) {
            for (IndexKey key : indexes.newestFirst(tenant, pipeline, item)) {
                Job job = jobs.get(key.id());
                if (job != null && job.tenant().equals(tenant) && job.pipeline().equals(pipeline)
                        && item.equals(job.input().get(Job.ITEM).map(Object::toString).orElse(null))) {
                    newest.put(item, job);
                    break;
                }
            }
        }
        return newest;
    }

    @Override
    public Optional<Job> update(Job job) {
        Objects.requireNonNull(job, "job must not be null");
        return write(job.id(), stored -> isSameVersion(stored, job) ? Optional.of(nextVersion(job)) : Optional.empty());
    }

    @Override
    public Optional<Job> update(Job job, List<AuditEvent> events) {
        Objects.requireNonNull(job, "job must not be null");
        // Kept inside the job's atomic step: whoever sees the new job finds its events too.
        return write(job.id(), stored -> {
            if (!isSameVersion(stored, job)) {
                return Optional.empty();
            }
            auditLog.keep(events);
            return Optional.of(nextVersion(job));
        });
    }

    /** Inserts one by one like the port's default; each job's events are kept once the job is stored. */
    @Override
    public void insertAll(List<Job> batch, List<AuditEvent> events) {
        for (Job job : batch) {
            insert(job);
            auditLog.keep(events.stream().filter(event -> event.jobId().equals(job.id())).toList());
        }
    }

    @Override
    public Optional<Job> startIfIdle(Job started) {
        Objects.requireNonNull(started, "started must not be null");
        return write(started.id(), stored -> isSameVersion(stored, started) && !stored.processing()
                ? Optional.of(nextVersion(started)) : Optional.empty());
    }

    @Override
    public List<Job> claim(WorkerId worker, Set<String> pipelines, int max, Instant now, Duration leaseLength) {
        Objects.requireNonNull(pipelines, "pipelines must not be null");
        Instant leaseUntil = leaseUntil(worker, now, leaseLength);
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative, got " + max);
        }
        List<Job> claimed = new ArrayList<>(Math.min(max, 64));
        while (claimed.size() < max) {
            IndexKey oldest = indexes.pollOldestQueued(pipelines);
            if (oldest == null) {
                break;
            }
            write(oldest.id(), job -> LeaseTransitions.claim(job, worker, now, leaseUntil)).ifPresent(claimed::add);
        }
        return claimed;
    }

    /** The first key of each pipeline's queue: one look per pipeline, whatever the number of jobs. */
    @Override
    public Optional<Instant> oldestQueuedAt() {
        return indexes.oldestQueued().map(IndexKey::at);
    }

    @Override
    public long queuedCount() {
        return indexes.queuedCount();
    }

    @Override
    public LeaseRenewal renewLeases(WorkerId worker, Collection<JobRef> refs, Instant now, Duration leaseLength) {
        Instant leaseUntil = leaseUntil(worker, now, leaseLength);
        Objects.requireNonNull(refs, "jobs must not be null");
        Set<JobRef> lost = new HashSet<>();
        Set<JobRef> cancelRequested = new HashSet<>();
        for (JobRef ref : refs) {
            Optional<Job> renewed = write(ref.id(), job -> job.tenant().equals(ref.tenant())
                    ? LeaseTransitions.renew(job, worker, leaseUntil) : Optional.empty());
            if (renewed.isEmpty()) {
                lost.add(ref);
            } else if (renewed.get().cancelRequested()) {
                cancelRequested.add(ref);
            }
        }
        return new LeaseRenewal(lost, cancelRequested);
    }

    @Override
    public int requeueExpired(Instant now) {
        Objects.requireNonNull(now, "now must not be null");
        int requeued = 0;
        for (IndexKey key : indexes.leasesExpiredAt(now)) {
            if (write(key.id(), job -> LeaseTransitions.requeueIfExpired(job, now)).isPresent()) {
                requeued++;
            }
        }
        return requeued;
    }

    @Override
    public boolean saveProgress(TenantId tenant, JobId id, WorkerId worker, ProgressUpdate update) {
        Objects.requireNonNull(tenant, "tenant must not be null");
        Objects.requireNonNull(worker, "worker must not be null");
        Objects.requireNonNull(update, "update must not be null");
        return write(id, job -> job.tenant().equals(tenant)
                ? LeaseTransitions.progress(job, worker, update) : Optional.empty()).isPresent();
    }

    @Override
    public int deleteFinishedBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff must not be null");
        int[] deleted = {0};
        for (IndexKey key : indexes.finishedBefore(cutoff)) {
            jobs.computeIfPresent(key.id(), (id, job) -> {
                if (!job.status().isFinished() || !job.finishedAt().orElse(job.updatedAt()).isBefore(cutoff)) {
                    return job;
                }
                indexes.replace(job, null);
                auditLog.forget(job.tenant(), id);
                deleted[0]++;
                return null;
            });
        }
        return deleted[0];
    }

    /** Applies a change to one stored job atomically, moving its index keys with it; empty when refused. */
    private Optional<Job> write(JobId id, Function<Job, Optional<Job>> change) {
        Objects.requireNonNull(id, "id must not be null");
        Job[] written = {null};
        jobs.computeIfPresent(id, (key, stored) -> {
            Optional<Job> next = change.apply(stored);
            if (next.isEmpty()) {
                return stored;
            }
            indexes.replace(stored, next.get());
            written[0] = next.get();
            return next.get();
        });
        return Optional.ofNullable(written[0]);
    }

    private static boolean isSameVersion(Job stored, Job proposed) {
        return stored.version() == proposed.version() && stored.tenant().equals(proposed.tenant());
    }

    private static Job nextVersion(Job job) {
        return job.toBuilder().version(job.version() + 1).build();
    }

    private static boolean matches(JobQuery query, Job job) {
        return query.status().map(status -> status == job.status()).orElse(true)
                && query.pipeline().map(pipeline -> pipeline.equals(job.pipeline())).orElse(true);
    }

    private static Instant leaseUntil(WorkerId worker, Instant now, Duration leaseLength) {
        Objects.requireNonNull(worker, "worker must not be null");
        Objects.requireNonNull(now, "now must not be null");
        Objects.requireNonNull(leaseLength, "leaseLength must not be null");
        if (leaseLength.isNegative() || leaseLength.isZero()) {
            throw new IllegalArgumentException("leaseLength must be positive, got " + leaseLength);
        }
        return now.plus(leaseLength);
    }
}
