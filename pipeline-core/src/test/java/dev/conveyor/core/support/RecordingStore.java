package dev.conveyor.core.support;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.ProgressUpdate;
import dev.conveyor.model.TenantId;
import dev.conveyor.model.WorkerId;
import dev.conveyor.port.out.JobStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A store that passes every call to a real one and keeps the history of what was written: each stored
 * version of each job and each progress write, so tests can check what a poll could have seen.
 */
public final class RecordingStore extends ForwardingJobStore {

    private final List<Job> writes = new ArrayList<>();
    private final List<ProgressUpdate> progressWrites = new ArrayList<>();
    private final List<Object> timeline = new ArrayList<>();
    private final List<Integer> insertAllSizes = new ArrayList<>();
    private int emptyClaims;
    private volatile Consumer<Job> beforeUpdate = job -> {
    };
    private volatile Consumer<Job> afterStart = job -> {
    };
    private volatile Consumer<ProgressUpdate> beforeProgress = update -> {
    };

    public RecordingStore(JobStore delegate) {
        super(delegate);
    }

    public synchronized List<Job> writesOf(JobId id) {
        return writes.stream().filter(j -> j.id().equals(id)).toList();
    }

    public synchronized List<ProgressUpdate> progressWrites() {
        return List.copyOf(progressWrites);
    }

    /** The size of each {@link #insertAll} call, in order. */
    public synchronized List<Integer> insertAllSizes() {
        return List.copyOf(insertAllSizes);
    }

    /** Runs {@code action} on the writing thread before each update reaches the store: a test can hold a write. */
    public void beforeUpdate(Consumer<Job> action) {
        this.beforeUpdate = action;
    }

    /** Runs {@code action} on the flushing thread before each progress write reaches the store. */
    public void beforeProgress(Consumer<ProgressUpdate> action) {
        this.beforeProgress = action;
    }

    /** Runs {@code action} on the starting thread after each start is stored: a test can let a worker in there. */
    public void afterStart(Consumer<Job> action) {
        this.afterStart = action;
    }

    /** Claims that found nothing: a worker that made one has gone idle until woken or the next poll. */
    public synchronized int emptyClaims() {
        return emptyClaims;
    }

    /** What a poller could have seen over time: the progress of every write and progress write, in order. */
    public synchronized List<Integer> progressSeen(JobId id) {
        List<Integer> seen = new ArrayList<>();
        for (Object write : timeline) {
            if (write instanceof Job job && job.id().equals(id)) {
                seen.add(job.progress());
            } else if (write instanceof ProgressWrite p && p.id.equals(id)) {
                seen.add(p.update.progress());
            }
        }
        return seen;
    }

    private record ProgressWrite(JobId id, ProgressUpdate update) {
    }

    private synchronized Optional<Job> record(Optional<Job> stored) {
        stored.ifPresent(job -> {
            writes.add(job);
            timeline.add(job);
        });
        return stored;
    }

    @Override
    public void insert(Job job) {
        delegate().insert(job);
        record(Optional.of(job));
    }

    @Override
    public void insertAll(List<Job> jobs) {
        delegate().insertAll(jobs);
        synchronized (this) {
            insertAllSizes.add(jobs.size());
            jobs.forEach(job -> record(Optional.of(job)));
        }
    }

    @Override
    public List<Job> insertOrFind(List<Job> jobs, List<dev.conveyor.model.AuditEvent> events) {
        List<Job> stored = delegate().insertOrFind(jobs, events);
        for (int i = 0; i < jobs.size(); i++) {
            if (stored.get(i).id().equals(jobs.get(i).id())) {
                record(Optional.of(jobs.get(i)));
            }
        }
        return stored;
    }

    @Override
    public Optional<Job> update(Job job) {
        beforeUpdate.accept(job);
        return record(delegate().update(job));
    }

    @Override
    public Optional<Job> startIfIdle(Job started) {
        Optional<Job> stored = record(delegate().startIfIdle(started));
        stored.ifPresent(afterStart);
        return stored;
    }

    @Override
    public List<Job> claim(WorkerId worker, Set<String> pipelines, int max, Instant now, Duration leaseLength) {
        List<Job> claimed = delegate().claim(worker, pipelines, max, now, leaseLength);
        if (claimed.isEmpty()) {
            synchronized (this) {
                emptyClaims++;
            }
        }
        claimed.forEach(job -> record(Optional.of(job)));
        return claimed;
    }

    @Override
    public boolean saveProgress(TenantId tenant, JobId id, WorkerId worker, ProgressUpdate update) {
        beforeProgress.accept(update);
        boolean saved = delegate().saveProgress(tenant, id, worker, update);
        if (saved) {
            synchronized (this) {
                progressWrites.add(update);
                timeline.add(new ProgressWrite(id, update));
            }
        }
        return saved;
    }

}
