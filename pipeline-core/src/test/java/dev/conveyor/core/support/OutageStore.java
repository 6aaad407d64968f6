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
import dev.conveyor.port.out.StoreUnavailableException;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store that passes every call to a real one, except that a test can make it unavailable: every call fails
 * with {@link StoreUnavailableException} while it is down, and the next few updates can be made to fail after
 * they were stored (a write whose outcome the caller cannot know) or before.
 */
public final class OutageStore implements JobStore {

    private final JobStore delegate;
    private volatile boolean down;
    private final AtomicInteger updatesLostAfterCommit = new AtomicInteger();
    private final AtomicInteger updatesRefused = new AtomicInteger();
    private final AtomicInteger refusedCalls = new AtomicInteger();

    public OutageStore(JobStore delegate) {
        this.delegate = delegate;
    }

    /** Every call fails as unavailable until {@link #up()}. */
    public void down() {
        down = true;
    }

    public void up() {
        down = false;
    }

    /** The next {@code n} updates are stored, and then fail as unavailable, as if the answer was lost. */
    public void loseAnswersOfNextUpdates(int n) {
        updatesLostAfterCommit.set(n);
    }

    /** The next {@code n} updates fail as unavailable without being stored. */
    public void refuseNextUpdates(int n) {
        updatesRefused.set(n);
    }

    /** Calls that failed as unavailable so far. */
    public int refusedCalls() {
        return refusedCalls.get();
    }

    private void check() {
        if (down) {
            throw unavailable();
        }
    }

    private StoreUnavailableException unavailable() {
        refusedCalls.incrementAndGet();
        return new StoreUnavailableException("the store is down (test)", Duration.ofMillis(200), null);
    }

    @Override
    public void insert(Job job) {
        check();
        delegate.insert(job);
    }

    @Override
    public void insertAll(List<Job> jobs) {
        check();
        delegate.insertAll(jobs);
    }

    @Override
    public List<Job> insertOrFind(List<Job> jobs, List<AuditEvent> events) {
        check();
        return delegate.insertOrFind(jobs, events);
    }

    @Override
    public Optional<Job> find(TenantId tenant, JobId id) {
        check();
        return delegate.find(tenant, id);
    }

    @Override
    public JobPage list(TenantId tenant, JobQuery query) {
        check();
        return delegate.list(tenant, query);
    }

    @Override
    public Optional<Job> update(Job job) {
        check();
        if (updatesRefused.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw unavailable();
        }
        Optional<Job> stored = delegate.update(job);
        if (updatesLostAfterCommit.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw unavailable();
        }
        return stored;
    }

    @Override
    public Optional<Job> startIfIdle(Job started) {
        check();
        return delegate.startIfIdle(started);
    }

    @Override
    public List<Job> claim(WorkerId worker, Set<String> pipelines, int max, Instant now, Duration leaseLength) {
        check();
        return delegate.claim(worker, pipelines, max, now, leaseLength);
    }

    @Override
    public LeaseRenewal renewLeases(WorkerId worker, Collection<JobRef> jobs, Instant now, Duration leaseLength) {
        check();
        return delegate.renewLeases(worker, jobs, now, leaseLength);
    }

    @Override
    public int requeueExpired(Instant now) {
        check();
        return delegate.requeueExpired(now);
    }

    @Override
    public Optional<Instant> oldestQueuedAt() {
        check();
        return delegate.oldestQueuedAt();
    }

    @Override
    public long queuedCount() {
        check();
        return delegate.queuedCount();
    }

    @Override
    public boolean saveProgress(TenantId tenant, JobId id, WorkerId worker, ProgressUpdate update) {
        check();
        return delegate.saveProgress(tenant, id, worker, update);
    }

    @Override
    public int deleteExpired(Instant finishedBefore, Instant idleBefore, int max) {
        check();
        return delegate.deleteExpired(finishedBefore, idleBefore, max);
    }
}
