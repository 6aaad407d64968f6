package dev.conveyor.core;

import dev.conveyor.core.eta.EtaEstimator;
import dev.conveyor.core.failure.DefaultErrorClassifier;
import dev.conveyor.core.hooks.Hooks;
import dev.conveyor.core.registry.Pipelines;
import dev.conveyor.core.run.JobRunner;
import dev.conveyor.core.run.LearnedTimings;
import dev.conveyor.core.run.ProgressFlusher;
import dev.conveyor.core.run.RunningJobs;
import dev.conveyor.core.run.StallWatch;
import dev.conveyor.core.service.JobCommands;
import dev.conveyor.core.service.JobQueries;
import dev.conveyor.core.store.InMemoryAuditLog;
import dev.conveyor.core.store.InMemoryJobStore;
import dev.conveyor.core.store.InMemoryStepTimings;
import dev.conveyor.core.time.Sleeper;
import dev.conveyor.core.worker.LeaseKeeper;
import dev.conveyor.core.worker.Maintenance;
import dev.conveyor.core.worker.WorkerPool;
import dev.conveyor.model.WorkerId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.out.AuditHook;
import dev.conveyor.port.out.AuditTrail;
import dev.conveyor.port.out.EngineEvents;
import dev.conveyor.port.out.ErrorClassifier;
import dev.conveyor.port.out.JobStore;
import dev.conveyor.port.out.NotificationHook;
import dev.conveyor.port.out.StepTimings;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Configures and starts a {@link Conveyor}. Every setting has a default: the in-memory store, one worker
 * thread per core, 30 s leases, progress flushed every 250 ms, finished jobs kept 24 h.
 */
public final class ConveyorBuilder {

    private final List<PipelineDefinition> pipelines = new ArrayList<>();
    private Optional<Duration> stepTimeout = Optional.empty();
    private final List<AuditHook> audit = new ArrayList<>();
    private final List<NotificationHook> notifications = new ArrayList<>();
    private final List<Consumer<Runnable>> wakeUpSources = new ArrayList<>();
    private JobStore store;
    private AuditTrail trail;
    private StepTimings timings;
    private int workers = Runtime.getRuntime().availableProcessors();
    private WorkerId workerId;
    private Duration leaseLength = Duration.ofSeconds(30);
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration progressInterval = Duration.ofMillis(250);
    private Duration ttl = Duration.ofHours(24);
    private Duration cleanupInterval = Duration.ofMinutes(5);
    private Duration shutdownGrace = Duration.ofSeconds(10);
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private ErrorClassifier classifier = new DefaultErrorClassifier();
    private Executor hookExecutor;
    private boolean scheduleMaintenance = true;
    private EngineEvents engineEvents = EngineEvents.NONE;

    ConveyorBuilder() {
    }

    public ConveyorBuilder pipeline(PipelineDefinition pipeline) {
        pipelines.add(Objects.requireNonNull(pipeline, "pipeline must not be null"));
        return this;
    }

    /**
     * A timeout for every step of every pipeline that sets none of its own (nor its pipeline a default); none by
     * default. A step past half its timeout without reporting units is also told as stalled.
     */
    public ConveyorBuilder stepTimeout(Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("step timeout must be positive, got " + value);
        }
        this.stepTimeout = Optional.of(value);
        return this;
    }

    public ConveyorBuilder pipelines(Collection<PipelineDefinition> all) {
        all.forEach(this::pipeline);
        return this;
    }

    /** Where jobs live; the in-memory store by default. */
    public ConveyorBuilder store(JobStore value) {
        this.store = Objects.requireNonNull(value, "store must not be null");
        return this;
    }

    /** Where learned step timings live; in memory by default. */
    public ConveyorBuilder timings(StepTimings value) {
        this.timings = Objects.requireNonNull(value, "timings must not be null");
        return this;
    }

    /** Worker threads running jobs in the background; 0 serves commands and queries only. */
    public ConveyorBuilder workers(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("workers must not be negative, got " + count);
        }
        this.workers = count;
        return this;
    }

    public ConveyorBuilder workerId(WorkerId value) {
        this.workerId = Objects.requireNonNull(value, "workerId must not be null");
        return this;
    }

    /** How long a claimed job stays a worker's without renewal; a dead worker's jobs are taken over after it. */
    public ConveyorBuilder leaseLength(Duration value) {
        this.leaseLength = positive(value, "leaseLength");
        return this;
    }

    /** How often idle workers look for work when nothing wakes them. */
    public ConveyorBuilder pollInterval(Duration value) {
        this.pollInterval = positive(value, "pollInterval");
        return this;
    }

    /** The most often a running step's progress is written (per job). */
    public ConveyorBuilder progressInterval(Duration value) {
        this.progressInterval = positive(value, "progressInterval");
        return this;
    }

    /** How long finished jobs are kept before cleanup removes them. */
    public ConveyorBuilder ttl(Duration value) {
        this.ttl = positive(value, "ttl");
        return this;
    }

    public ConveyorBuilder cleanupInterval(Duration value) {
        this.cleanupInterval = positive(value, "cleanupInterval");
        return this;
    }

    /** How long close() lets running steps go on before asking them to stop. */
    public ConveyorBuilder shutdownGrace(Duration value) {
        this.shutdownGrace = Objects.requireNonNull(value, "shutdownGrace must not be null");
        return this;
    }

    public ConveyorBuilder clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock must not be null");
        return this;
    }

    public ConveyorBuilder sleeper(Sleeper value) {
        this.sleeper = Objects.requireNonNull(value, "sleeper must not be null");
        return this;
    }

    public ConveyorBuilder errorClassifier(ErrorClassifier value) {
        this.classifier = Objects.requireNonNull(value, "errorClassifier must not be null");
        return this;
    }

    public ConveyorBuilder audit(AuditHook hook) {
        audit.add(Objects.requireNonNull(hook, "audit hook must not be null"));
        return this;
    }

    /**
     * Where {@link Conveyor#events} reads a job's audit trail back from: the store's own log (on PostgreSQL,
     * {@code PostgresStores.auditTrail()}, which holds every process's events). Without one, the engine keeps
     * this process's events in memory ({@link InMemoryAuditLog}; on the in-memory store, the store's own log,
     * written with each transition) and reads them from there.
     */
    public ConveyorBuilder auditTrail(AuditTrail value) {
        this.trail = Objects.requireNonNull(value, "auditTrail must not be null");
        return this;
    }

    public ConveyorBuilder notifications(NotificationHook hook) {
        notifications.add(Objects.requireNonNull(hook, "notification hook must not be null"));
        return this;
    }

    /**
     * Lets something outside the engine wake idle workers at once, such as a database notification that another
     * process queued work: jobs queued through this engine wake its workers anyway, but others' would wait for
     * the next poll. At start the source is handed a {@link Runnable} to call whenever work may be waiting
     * (spurious calls cost one claim); polling stays the fallback for calls that never come. Only an engine
     * with workers hands it over.
     */
    public ConveyorBuilder wakeUpOn(Consumer<Runnable> source) {
        wakeUpSources.add(Objects.requireNonNull(source, "wake-up source must not be null"));
        return this;
    }

    /** Where hooks run; one background thread by default, so a slow hook never delays a job. */
    public ConveyorBuilder hookExecutor(Executor value) {
        this.hookExecutor = Objects.requireNonNull(value, "hookExecutor must not be null");
        return this;
    }

    /** Whether the engine runs its periodic duties itself (default) or leaves them to {@link Conveyor#maintenance()}. */
    public ConveyorBuilder scheduleMaintenance(boolean value) {
        this.scheduleMaintenance = value;
        return this;
    }

    /**
     * Who hears what happens in the engine (jobs submitted and finished, steps started and ended, retries, lost
     * leases, progress and hook traffic), such as a metrics adapter; nobody by default.
     */
    public ConveyorBuilder reportTo(EngineEvents value) {
        this.engineEvents = Objects.requireNonNull(value, "engine events listener must not be null");
        return this;
    }

    /** Wires the engine and starts its workers and periodic duties. */
    public Conveyor start() {
        if (pipelines.isEmpty()) {
            throw new IllegalStateException("register at least one pipeline before starting Conveyor");
        }
        JobStore jobs = store != null ? store : new InMemoryJobStore();
        StepTimings learnedStore = timings != null ? timings : new InMemoryStepTimings();
        WorkerId id = workerId != null ? workerId : WorkerId.random(hostName());
        Optional<ExecutorService> ownHookThread = hookExecutor != null ? Optional.empty()
                : Optional.of(Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "conveyor-hooks");
                    t.setDaemon(true);
                    return t;
                }));
        Executor hooksOn = ownHookThread.map(Executor.class::cast).orElse(hookExecutor);
        Pipelines registry = new Pipelines(stepTimeout.map(timeout -> pipelines.stream()
                .map(pipeline -> pipeline.withDefaultStepTimeout(timeout)).toList()).orElse(pipelines));
        EtaEstimator eta = new EtaEstimator();
        LearnedTimings learned = new LearnedTimings(learnedStore, clock);
        List<AuditHook> auditHooks = new ArrayList<>(audit);
        AuditTrail auditTrail = trail;
        if (auditTrail == null) {
            InMemoryAuditLog kept = jobs instanceof InMemoryJobStore memory ? memory.auditLog() : new InMemoryAuditLog();
            auditHooks.add(kept);
            auditTrail = kept;
        }
        Hooks hooks = new Hooks(auditHooks, notifications, hooksOn, clock, jobs, engineEvents);
        RunningJobs running = new RunningJobs();
        ProgressFlusher flusher = new ProgressFlusher(jobs, id, eta, learned, clock, engineEvents);
        JobRunner runner = new JobRunner(jobs, learned, eta, hooks, flusher, running, classifier, sleeper, clock, id,
                leaseLength, engineEvents);
        Maintenance maintenance = new Maintenance(jobs, flusher, new StallWatch(flusher, eta, hooks, clock),
                new LeaseKeeper(jobs, running, id, leaseLength, clock), learned, clock, ttl, engineEvents);

        AtomicReference<WorkerPool> pool = new AtomicReference<>();
        Runnable wake = () -> {
            WorkerPool p = pool.get();
            if (p != null) {
                p.wake();
            }
        };
        JobCommands commands = new JobCommands(jobs, registry, running, hooks, eta, learned, clock, wake, engineEvents);
        JobQueries queries = new JobQueries(jobs, registry, eta, learned, clock, auditTrail);
        Optional<WorkerPool> workerPool = Optional.empty();
        if (workers > 0) {
            pool.set(new WorkerPool(registry, runner, running, id, workers, pollInterval));
            wakeUpSources.forEach(source -> source.accept(wake));
            workerPool = Optional.of(pool.get().start());
        }
        Optional<ScheduledExecutorService> scheduler = Optional.empty();
        if (scheduleMaintenance) {
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "conveyor-maintenance");
                t.setDaemon(true);
                return t;
            });
            maintenance.schedule(timer, progressInterval, leaseLength, cleanupInterval);
            scheduler = Optional.of(timer);
        }
        Drain drain = new Drain(jobs, registry, runner, id, leaseLength, clock);
        return new Conveyor(commands, queries, maintenance, drain, workerPool, scheduler, ownHookThread, shutdownGrace,
                jobs, clock);
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name + " must not be null");
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        return host == null || host.isBlank() ? "worker" : host;
    }
}
