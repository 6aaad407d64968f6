package dev.conveyor.core.support;

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
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A store that passes every call a store must implement to a real one, for tests that watch or change a few of
 * them. The interface's default methods are not forwarded: they run here and reach the store through the
 * forwarded ones, so a test that overrides {@code update(Job)} sees the engine's {@code update(Job, List)} too.
 * A store that has its own version of a default (the set-based writes of a shared store, say) is overridden
 * explicitly where a test needs it.
 */
public abstract class ForwardingJobStore implements JobStore {

    private final JobStore delegate;

    protected ForwardingJobStore(JobStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
    }

    /** The store every call goes on to. */
    protected final JobStore delegate() {
        return delegate;
    }

    @Override
    public void insert(Job job) {
        delegate.insert(job);
    }

    @Override
    public List<Job> insertOrFind(List<Job> jobs, List<AuditEvent> events) {
        return delegate.insertOrFind(jobs, events);
    }

    @Override
    public Optional<Job> find(TenantId tenant, JobId id) {
        return delegate.find(tenant, id);
    }

    @Override
    public JobPage list(TenantId tenant, JobQuery query) {
        return delegate.list(tenant, query);
    }

    @Override
    public Optional<Job> update(Job job) {
        return delegate.update(job);
    }

    @Override
    public Optional<Job> startIfIdle(Job started) {
        return delegate.startIfIdle(started);
    }

    @Override
    public List<Job> claim(WorkerId worker, Set<String> pipelines, int max, Instant now, Duration leaseLength) {
        return delegate.claim(worker, pipelines, max, now, leaseLength);
    }

    @Override
    public LeaseRenewal renewLeases(WorkerId worker, Collection<JobRef> jobs, Instant now, Duration leaseLength) {
        return delegate.renewLeases(worker, jobs, now, leaseLength);
    }

    @Override
    public int requeueExpired(Instant now) {
        return delegate.requeueExpired(now);
    }

    @Override
    public Optional<Instant> oldestQueuedAt() {
        return delegate.oldestQueuedAt();
    }

    @Override
    public long queuedCount() {
        return delegate.queuedCount();
    }

    @Override
    public boolean saveProgress(TenantId tenant, JobId id, WorkerId worker, ProgressUpdate update) {
        return delegate.saveProgress(tenant, id, worker, update);
    }

    @Override
    public int deleteExpired(Instant finishedBefore, Instant idleBefore, int max) {
        return delegate.deleteExpired(finishedBefore, idleBefore, max);
    }
}
