package dev.conveyor.core;

import dev.conveyor.core.hooks.HookQueue;
import dev.conveyor.core.worker.Maintenance;
import dev.conveyor.core.worker.WorkerPool;
import dev.conveyor.model.AuditPage;
import dev.conveyor.model.AuditQuery;
import dev.conveyor.model.EtaAccuracy;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobView;
import dev.conveyor.model.JobPage;
import dev.conveyor.model.JobQuery;
import dev.conveyor.model.ProgressView;
import dev.conveyor.model.ReviewDecision;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.in.CleanUpJobs;
import dev.conveyor.port.in.ManageJobs;
import dev.conveyor.port.in.Outcome;
import dev.conveyor.port.in.QueryJobs;
import dev.conveyor.port.in.Started;
import dev.conveyor.port.in.SubmitJob;
import dev.conveyor.port.in.Submitted;
import dev.conveyor.port.out.JobStore;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A running Conveyor engine: the use cases (submit, process, progress, retry, resume, cancel, cleanup) over a
 * job store, with a pool of workers running the jobs in the background. Start one with {@link #builder()};
 * close it to stop its workers.
 */
public final class Conveyor implements ManageJobs, QueryJobs, CleanUpJobs, AutoCloseable {

    private final ManageJobs commands;
    private final QueryJobs queries;
    private final Maintenance maintenance;
    private final Drain drain;
    private final Optional<WorkerPool> workers;
    private final List<ScheduledExecutorService> schedulers;
    private final List<HookQueue> hookQueues;
    private final Duration hookCloseTimeout;
    private final Duration shutdownGrace;
    private final JobStore store;
    private final Clock clock;

    Conveyor(ManageJobs commands, QueryJobs queries, Maintenance maintenance, Drain drain,
             Optional<WorkerPool> workers, List<ScheduledExecutorService> schedulers, List<HookQueue> hookQueues,
             Duration hookCloseTimeout, Duration shutdownGrace, JobStore store, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.maintenance = maintenance;
        this.drain = drain;
        this.workers = workers;
        this.schedulers = List.copyOf(schedulers);
        this.hookQueues = List.copyOf(hookQueues);
        this.hookCloseTimeout = hookCloseTimeout;
        this.shutdownGrace = shutdownGrace;
        this.store = store;
        this.clock = clock;
    }

    public static ConveyorBuilder builder() {
        return new ConveyorBuilder();
    }

    @Override
    public Outcome<Submitted> submitOrReplay(SubmitJob command) {
        return commands.submitOrReplay(command);
    }

    @Override
    public List<Outcome<Submitted>> submitAllOrReplay(List<SubmitJob> commands) {
        return this.commands.submitAllOrReplay(commands);
    }

    @Override
    public Outcome<Started> process(TenantId tenant, JobId id) {
        return commands.process(tenant, id);
    }

    @Override
    public Outcome<Job> retry(TenantId tenant, JobId id) {
        return commands.retry(tenant, id);
    }

    @Override
    public Outcome<Job> resume(TenantId tenant, JobId id, List<ReviewDecision> decisions) {
        return commands.resume(tenant, id, decisions);
    }

    @Override
    public Outcome<Job> cancel(TenantId tenant, JobId id) {
        return commands.cancel(tenant, id);
    }

    @Override
    public Optional<ProgressView> progress(TenantId tenant, JobId id) {
        return queries.progress(tenant, id);
    }

    @Override
    public Optional<Job> job(TenantId tenant, JobId id) {
        return queries.job(tenant, id);
    }

    @Override
    public Optional<JobView> view(TenantId tenant, JobId id) {
        return queries.view(tenant, id);
    }

    @Override
    public JobPage list(TenantId tenant, JobQuery query) {
        return queries.list(tenant, query);
    }

    @Override
    public Map<JobId, Job> jobs(TenantId tenant, Collection<JobId> ids) {
        return queries.jobs(tenant, ids);
    }

    @Override
    public Map<String, Job> newestByItem(TenantId tenant, String pipeline, Collection<String> items) {
        return queries.newestByItem(tenant, pipeline, items);
    }

    @Override
    public List<PipelineDefinition> pipelines() {
        return queries.pipelines();
    }

    @Override
    public Optional<AuditPage> events(TenantId tenant, JobId id, AuditQuery query) {
        return queries.events(tenant, id, query);
    }

    @Override
    public EtaAccuracy etaAccuracy(String pipeline) {
        return queries.etaAccuracy(pipeline);
    }

    /** Removes every job past its TTL, a bounded batch at a time. */
    @Override
    public int cleanUp() {
        return maintenance.cleanUpAll();
    }

    /**
     * Runs queued jobs on the calling thread until none is left: for scripts and tests that want no
     * background threads ({@code workers(0)}).
     *
     * @return how many jobs were run
     */
    public int drain() {
        return drain.run();
    }

    /**
     * Waits (really) until the job is no longer processing, polling the store; for callers that want to block
     * on a result.
     *
     * @return the job as it stopped, or empty if it does not exist or still runs after {@code timeout}
     */
    public Optional<Job> await(TenantId tenant, JobId id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Job> job = queries.job(tenant, id);
            if (job.isEmpty() || !job.get().processing()) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            Thread.sleep(10);
        }
    }

    /**
     * The workers and the queue's age, for a health probe: the worker counts are read in memory and the queue's
     * age is one indexed read of the store, so a probe every few seconds costs next to nothing.
     *
     * @return the engine's state now
     * @throws RuntimeException when the store does not answer
     */
    public EngineStatus status() {
        return new EngineStatus(workers.map(WorkerPool::size).orElse(0), workers.map(WorkerPool::alive).orElse(0),
                workers.map(WorkerPool::busy).orElse(0), store.oldestQueuedAt(), clock.instant());
    }

    /**
     * The engine's hook queues (audit, notifications) as they stand: calls waiting, capacity, calls dropped so far.
     * Read in memory, for a gauge to poll; empty when the hooks run on an executor given to the builder.
     */
    public List<HookQueueStatus> hookQueues() {
        return hookQueues.stream().map(queue -> new HookQueueStatus(queue.name(), queue.depth(), queue.capacity(),
                queue.dropped())).toList();
    }

    /** The periodic duties, for callers that drive them by hand (built with {@code scheduleMaintenance(false)}). */
    public Maintenance maintenance() {
        return maintenance;
    }

    /**
     * Stops claiming, lets running steps finish within the grace period, then saves what was learned; the hook
     * queues get {@code hookCloseTimeout} (2 s by default) to run what they hold, and the log says how many calls
     * were dropped after that.
     */
    @Override
    public void close() {
        workers.ifPresent(pool -> pool.shutdown(shutdownGrace));
        schedulers.forEach(ScheduledExecutorService::shutdownNow);
        maintenance.flushOnClose();
        for (HookQueue queue : hookQueues) {
            queue.close(hookCloseTimeout);
        }
    }
}
