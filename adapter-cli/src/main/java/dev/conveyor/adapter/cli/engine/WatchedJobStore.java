package dev.conveyor.adapter.cli.engine;

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
import dev.conveyor.port.out.AuditHook;
import dev.conveyor.port.out.JobStore;
import dev.conveyor.port.out.NotificationHook;
import dev.conveyor.model.Notification;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A job store that tells a {@link WriteWatch} of every write of its engine once the store has committed it: the
 * job as stored when the write returns it (an update, a start), else which job changed (a claim, progress). Every
 * call goes to the store it wraps unchanged, each kind of call to the same method, so the store's own batching
 * is kept. Hooks the wrapped store keeps itself (its audit log, its notification outbox) are kept by this one too
 * once passed through {@link #auditHook} and {@link #notificationHook}.
 */
public final class WatchedJobStore implements JobStore {

    private final JobStore store;
    private final WriteWatch watch;

    public WatchedJobStore(JobStore store, WriteWatch watch) {
        this.store = Objects.requireNonNull(store, "store must not be null");
        this.watch = Objects.requireNonNull(watch, "watch must not be null");
    }

    /** The hook, kept by this store exactly when the wrapped store keeps it. */
    public AuditHook auditHook(AuditHook hook) {
        return new AuditHook() {
            @Override
            public void record(AuditEvent event) throws Exception {
                hook.record(event);
            }

            @Override
            public boolean isKeptBy(JobStore other) {
                return hook.isKeptBy(other == WatchedJobStore.this ? store : other);
            }
        };
    }

    /** The hook, kept by this store exactly when the wrapped store keeps it. */
    public NotificationHook notificationHook(NotificationHook hook) {
        return new NotificationHook() {
            @Override
            public void send(Notification notification) throws Exception {
                hook.send(notification);
            }

            @Override
            public boolean isKeptBy(JobStore other) {
                return hook.isKeptBy(other == WatchedJobStore.this ? store : other);
            }
        };
    }

    private Optional<Job> stored(Optional<Job> written) {
        written.ifPresent(watch::stored);
        return written;
    }

    @Override
    public void insert(Job job) {
        store.insert(job);
    }

    @Override
    public void insertAll(List<Job> jobs) {
        store.insertAll(jobs);
    }

    @Override
    public void insertAll(List<Job> jobs, List<AuditEvent> events) {
        store.insertAll(jobs, events);
    }

    @Override
    public List<Job> insertOrFind(List<Job> jobs, List<AuditEvent> events) {
        return store.insertOrFind(jobs, events);
    }

    @Override
    public Optional<Job> find(TenantId tenant, JobId id) {
        return store.find(tenant, id);
    }

    @Override
    public Map<JobId, Job> findAll(TenantId tenant, Collection<JobId> ids) {
        return store.findAll(tenant, ids);
    }

    @Override
    public Map<String, Job> newestByItem(TenantId tenant, String pipeline, Collection<String> items) {
        return store.newestByItem(tenant, pipeline, items);
    }

    @Override
    public JobPage list(TenantId tenant, JobQuery query) {
        return store.list(tenant, query);
    }

    @Override
    public Optional<Job> update(Job job) {
        return stored(store.update(job));
    }

    @Override
    public Optional<Job> update(Job job, List<AuditEvent> events) {
        return stored(store.update(job, events));
    }

    @Override
    public Optional<Job> startIfIdle(Job started) {
        return stored(store.startIfIdle(started));
    }

    @Override
    public List<Job> claim(WorkerId worker, Set<String> pipelines, int max, Instant now, Duration leaseLength) {
        return claimed(store.claim(worker, pipelines, max, now, leaseLength));
    }

    @Override
    public List<Job> claim(WorkerId worker, Set<String> pipelines, int max, Instant now, Duration leaseLength,
                           FirstTransition first) {
        return claimed(store.claim(worker, pipelines, max, now, leaseLength, first));
    }

    private List<Job> claimed(List<Job> jobs) {
        jobs.forEach(job -> watch.changed(job.id()));
        return jobs;
    }

    @Override
    public LeaseRenewal renewLeases(WorkerId worker, Collection<JobRef> jobs, Instant now, Duration leaseLength) {
        return store.renewLeases(worker, jobs, now, leaseLength);
    }

    @Override
    public int requeueExpired(Instant now) {
        return store.requeueExpired(now);
    }

    @Override
    public Optional<Instant> oldestQueuedAt() {
        return store.oldestQueuedAt();
    }

    @Override
    public long queuedCount() {
        return store.queuedCount();
    }

    @Override
    public boolean saveProgress(TenantId tenant, JobId id, WorkerId worker, ProgressUpdate update) {
        boolean saved = store.saveProgress(tenant, id, worker, update);
        if (saved) {
            watch.changed(id);
        }
        return saved;
    }

    @Override
    public List<Boolean> saveProgressAll(WorkerId worker, List<ProgressSave> saves) {
        List<Boolean> saved = store.saveProgressAll(worker, saves);
        for (int i = 0; i < saves.size() && i < saved.size(); i++) {
            if (saved.get(i)) {
                watch.changed(saves.get(i).job().id());
            }
        }
        return saved;
    }

    @Override
    public int deleteExpired(Instant finishedBefore, Instant idleBefore, int max) {
        return store.deleteExpired(finishedBefore, idleBefore, max);
    }
}
