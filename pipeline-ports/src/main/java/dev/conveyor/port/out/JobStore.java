package dev.conveyor.port.out;

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

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where jobs live. Every call that addresses a job is scoped by its tenant; the worker calls ({@code claim},
 * {@code renewLeases}, {@code requeueExpired}, {@code deleteFinishedBefore}) and the operator's
 * {@code oldestQueuedAt} serve all tenants, as a worker does. Implementations must be safe for many threads and, for shared stores, many processes.
 */
public interface JobStore {

    /** Adds a new job. */
    void insert(Job job);

    /**
     * Adds many new jobs at once, in order. A shared store writes them together (one statement, one commit),
     * so submitting a thousand jobs costs about what submitting one does, and adds all of them or none. This
     * default adds them one by one, stopping at the first failure (a job whose id already exists).
     */
    default void insertAll(List<Job> jobs) {
        jobs.forEach(this::insert);
    }

    /**
     * Like {@link #insertAll(List)}, and records {@code events}, the audit events of these jobs' creation, in the
     * store's own audit log in the same transaction (see {@link #update(Job, List)}). This default ignores them.
     */
    default void insertAll(List<Job> jobs, List<AuditEvent> events) {
        insertAll(jobs);
    }

    Optional<Job> find(TenantId tenant, JobId id);

    /**
     * The tenant's jobs among {@code ids}, by id; ids with no such job are absent. A shared store reads them in
     * one statement; this default finds them one by one.
     */
    default Map<JobId, Job> findAll(TenantId tenant, Collection<JobId> ids) {
        Map<JobId, Job> found = new HashMap<>();
        for (JobId id : ids) {
            find(tenant, id).ifPresent(job -> found.put(id, job));
        }
        return found;
    }

    /**
     * For each of {@code items}, the newest of the tenant's jobs of {@code pipeline} whose input names that item
     * under {@link Job#ITEM}; an item no job names is absent from the map. This is how a batch re-run finds the
     * jobs earlier runs left for its items. Stores answer it with one indexed lookup per call, however long the
     * tenant's history; this default, for stores that do not, pages through the pipeline's jobs newest first.
     */
    default Map<String, Job> newestByItem(TenantId tenant, String pipeline, Collection<String> items) {
        Set<String> wanted = Set.copyOf(items);
        Map<String, Job> found = new HashMap<>();
        JobQuery query = JobQuery.firstPage(JobQuery.MAX_LIMIT).withPipeline(pipeline);
        while (found.size() < wanted.size()) {
            JobPage page = list(tenant, query);
            for (Job job : page.jobs()) {
                String item = job.input().getString(Job.ITEM, "");
                if (wanted.contains(item)) {
                    found.putIfAbsent(item, job);
                }
            }
            if (page.nextCursor().isEmpty()) {
                break;
            }
            query = query.after(page.nextCursor().get());
        }
        return found;
    }

    /** A tenant's jobs, newest first, a page at a time. */
    JobPage list(TenantId tenant, JobQuery query);

    /**
     * Replaces the stored job if its stored version is still {@code job.version()} (optimistic concurrency).
     *
     * @return the stored job, its version incremented; empty if someone changed or removed it first
     */
    Optional<Job> update(Job job);

    /**
     * Like {@link #update(Job)}, and records {@code events}, the audit events of this change, in the store's own
     * audit log in the same transaction: they are stored exactly when the change is, never without it. A store
     * without an audit log of its own ignores them (this default); the engine passes events only to a store that
     * keeps a registered audit hook ({@link AuditHook#isKeptBy(JobStore)}).
     */
    default Optional<Job> update(Job job, List<AuditEvent> events) {
        return update(job);
    }

    /**
     * The atomic start: like {@link #update(Job)}, but only if the stored job is not processing. Of many
     * racing callers, exactly one wins.
     */
    Optional<Job> startIfIdle(Job started);

    /**
     * Claims up to {@code max} queued jobs of the given pipelines (the ones this worker can run), oldest
     * first, for {@code worker}: each becomes running, leased until {@code now + leaseLength}, its version
     * incremented. Never hands one job to two workers.
     */
    List<Job> claim(WorkerId worker, Set<String> pipelines, int max, Instant now, Duration leaseLength);

    /**
     * Claims like {@link #claim(WorkerId, Set, int, Instant, Duration)}, and may write each claimed job's first
     * transition in the same write: {@code first} is given the job as claimed and answers the job as its run's
     * first write leaves it (say, its first step started), with the audit events of that write. A store that
     * does so returns the jobs as written, one version past the queued ones: claim and first transition are one
     * row write, not two. This default claims only, never calling {@code first}; the run then writes its first
     * transition itself.
     */
    default List<Job> claim(WorkerId worker, Set<String> pipelines, int max, Instant now, Duration leaseLength,
                            FirstTransition first) {
        return claim(worker, pipelines, max, now, leaseLength);
    }

    /** The first write of a claimed job's run, which a store may make with the claim. */
    @FunctionalInterface
    interface FirstTransition {

        /** The job as the run's first write leaves it and the audit events of that write; empty for none. */
        Optional<Transition> of(Job claimed);
    }

    /** A job as a write leaves it, and the audit events of that write. */
    record Transition(Job job, List<AuditEvent> events) {

        public Transition {
            java.util.Objects.requireNonNull(job, "job must not be null");
            events = List.copyOf(events);
        }
    }

    /** Extends the worker's leases on these jobs to {@code now + leaseLength}, without changing versions. */
    LeaseRenewal renewLeases(WorkerId worker, Collection<JobRef> jobs, Instant now, Duration leaseLength);

    /** Puts running jobs whose lease has expired back in the queue, to be claimed again; returns how many. */
    int requeueExpired(Instant now);

    /**
     * When the job that has waited longest for a worker was queued, across all tenants and pipelines: the
     * next one a worker of every pipeline would claim. Empty when nothing waits. A health probe calls it every few
     * seconds, so a shared store answers from its queue index, never by scanning jobs.
     */
    Optional<Instant> oldestQueuedAt();

    /**
     * How many jobs wait for a worker now, across all tenants and pipelines: the queue's depth, for a metrics
     * scrape every few seconds. A shared store counts its queue index, never the whole table.
     */
    long queuedCount();

    /**
     * Writes coalesced in-step progress, only while {@code worker} holds the job's lease and the step is
     * running; does not change the version. Returns false when the write was refused.
     */
    boolean saveProgress(TenantId tenant, JobId id, WorkerId worker, ProgressUpdate update);

    /**
     * Writes the coalesced progress of many running jobs at once (one flush of the engine's), each as
     * {@link #saveProgress} would; a shared store sends them as one statement. This default writes them one by one.
     *
     * @return whether each was written, in order
     */
    default List<Boolean> saveProgressAll(WorkerId worker, List<ProgressSave> saves) {
        return saves.stream().map(save -> saveProgress(save.job().tenant(), save.job().id(), worker, save.update()))
                .toList();
    }

    /** One running job's coalesced progress. */
    record ProgressSave(JobRef job, ProgressUpdate update) {

        public ProgressSave {
            java.util.Objects.requireNonNull(job, "job must not be null");
            java.util.Objects.requireNonNull(update, "update must not be null");
        }
    }

    /** Deletes finished jobs (completed, failed, cancelled) that finished before {@code cutoff}; returns how many. */
    int deleteFinishedBefore(Instant cutoff);
}
