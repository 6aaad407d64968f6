package dev.conveyor.core;

import dev.conveyor.core.eta.EtaEstimator;
import dev.conveyor.core.failure.DefaultErrorClassifier;
import dev.conveyor.core.hooks.HookQueue;
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
import dev.conveyor.model.DurationText;
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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Configures and starts a {@link Conveyor}. Every setting has a default: the in-memory store, one worker
 * thread per core, 30 s leases, progress flushed every 250 ms, finished jobs kept 24 h, jobs created but never
 * started or awaiting review kept 30 days, a job failed as {@code worker_lost} once a step lost 3 workers in a row.
 */
public final class ConveyorBuilder {

    /** The default of {@link #hookQueueCapacity(int)}. */
    public static final int DEFAULT_HOOK_QUEUE_CAPACITY = 10_000;

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
    private Duration ttl = DEFAULT_TTL;
    private Duration idleTtl = DEFAULT_IDLE_TTL;
    private int maxWorkerLosses = DEFAULT_MAX_WORKER_LOSSES;
    private Duration cleanupInterval = Duration.ofMinutes(5);
    private Duration shutdownGrace = Duration.ofSeconds(10);
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private ErrorClassifier classifier = new DefaultErrorClassifier();
    private Executor hookExecutor;
    private int hookQueueCapacity = DEFAULT_HOOK_QUEUE_CAPACITY;
    private Duration hookCloseTimeout = Duration.ofSeconds(2);
    private boolean scheduleMaintenance = true;
    private EngineEvents engineEvents = EngineEvents.NONE;

    /** The lease length ("10s", "2m"): how long a claimed job stays a worker's without renewal. */
    public static final String LEASE_ENV = "CONVEYOR_LEASE";
    /** How long finished jobs are kept ("1h", "7d"). */
    public static final String TTL_ENV = "CONVEYOR_TTL";
    /** How long jobs created but never started, or awaiting review, are kept after their last change ("30d"). */
    public static final String IDLE_TTL_ENV = "CONVEYOR_IDLE_TTL";
    /** How many workers in a row one step may lose before its job fails as {@code worker_lost} ("3"). */
    public static final String MAX_WORKER_LOSSES_ENV = "CONVEYOR_MAX_WORKER_LOSSES";
    /** A timeout for every step that sets none of its own, nor its pipeline ("30s", "10m"). */
    public static final String STEP_TIMEOUT_ENV = "CONVEYOR_STEP_TIMEOUT";

    /** How long finished jobs are kept by default. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);
    /** How long jobs created but never started, or awaiting review, are kept after their last change by default. */
    public static final Duration DEFAULT_IDLE_TTL = Duration.ofDays(30);
    /** How many workers in a row one step may lose (the process died running it) before its job fails. */
    public static final int DEFAULT_MAX_WORKER_LOSSES = 3;

    ConveyorBuilder() {
    }

    /**
     * Applies the engine settings an operator sets in the environment, each only when set and not blank:
     * {@value #LEASE_ENV}, {@value #TTL_ENV}, {@value #IDLE_TTL_ENV} (durations such as {@code 10s}, {@code 2h},
     * {@code 30d}, see {@link DurationText}), {@value #MAX_WORKER_LOSSES_ENV} (a whole number, at least 1) and
     * {@value #STEP_TIMEOUT_ENV}. The server and the command line call it with their process's environment, so
     * every executable reads the same variables the same way; options set after it win.
     *
     * @throws IllegalArgumentException naming the variable, when one holds something it cannot be
     */
    public ConveyorBuilder environment(Map<String, String> env) {
        Objects.requireNonNull(env, "env must not be null");
        DurationText.fromEnvironment(env, LEASE_ENV).ifPresent(this::leaseLength);
        DurationText.fromEnvironment(env, TTL_ENV).ifPresent(this::ttl);
        DurationText.fromEnvironment(env, IDLE_TTL_ENV).ifPresent(this::idleTtl);
        DurationText.fromEnvironment(env, STEP_TIMEOUT_ENV).ifPresent(this::stepTimeout);
        String losses = env.get(MAX_WORKER_LOSSES_ENV);
        if (losses != null && !losses.isBlank()) {
            int value;
            try {
                value = Integer.parseInt(losses.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(MAX_WORKER_LOSSES_ENV + ": must be a whole number, got '"
                        + losses.strip() + "'", e);
            }
            if (value < 1) {
                throw new IllegalArgumentException(MAX_WORKER_LOSSES_ENV + ": must be at least 1, got " + value);
            }
            maxWorkerLosses(value);
        }
        return this;
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

    /**
     * How long jobs that wait on someone rather than on a worker (created but never started, or awaiting review)
     * are kept after their last change before cleanup removes them; 30 days by default, longer than
     * {@link #ttl(Duration)} because a human may be slow to come back.
     */
    public ConveyorBuilder idleTtl(Duration value) {
        this.idleTtl = positive(value, "idleTtl");
        return this;
    }

    /**
     * How many times in a row one step may lose its worker (the process died running it: out of memory, a native
     * crash, a halt; its lease expired) before the job fails as {@code worker_lost} instead of taking down another
     * worker: 3 by default; a pipeline may set its own ({@code PipelineDefinition.Builder.maxWorkerLosses}).
     */
    public ConveyorBuilder maxWorkerLosses(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("maxWorkerLosses must be at least 1, got " + value);
        }
        this.maxWorkerLosses = value;
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
     * {@code PostgresStores.auditTrail()}, which holds every process's events). Without one, the engine reads
     * them from a registered {@link #audit audit hook} the store keeps, if it can be read back (on PostgreSQL,
     * {@code PostgresStores.auditLog()}); else it keeps this process's events in memory ({@link InMemoryAuditLog};
     * on the in-memory store, the store's own log, written with each transition) and reads them from there.
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

    /**
     * Where hooks run instead of the engine's own queues (then {@link #hookQueueCapacity} and
     * {@link #hookCloseTimeout} do not apply). By default audit hooks and notification hooks each run on a thread of
     * their own behind a bounded queue, so a slow hook never delays a job.
     */
    public ConveyorBuilder hookExecutor(Executor value) {
        this.hookExecutor = Objects.requireNonNull(value, "hookExecutor must not be null");
        return this;
    }

    /**
     * How many hook calls each of the audit and notification queues holds waiting (default {@value
     * #DEFAULT_HOOK_QUEUE_CAPACITY}); when one is full its oldest call is dropped and counted
     * ({@link Conveyor#hookQueues()}), with a warning at most once a minute.
     */
    public ConveyorBuilder hookQueueCapacity(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("hookQueueCapacity must be at least 1, got " + value);
        }
        this.hookQueueCapacity = value;
        return this;
    }

    /**
     * How long {@link Conveyor#close()} lets the hook queues run what they hold (default 2 s); what is still queued
     * then is dropped, and the log says how many.
     */
    public ConveyorBuilder hookCloseTimeout(Duration value) {
        this.hookCloseTimeout = positive(value, "hookCloseTimeout");
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
        List<HookQueue> hookQueues = hookExecutor != null ? List.of()
                : List.of(new HookQueue("audit", hookQueueCapacity, clock, dropped(Hooks.AUDIT)),
                        new HookQueue("notifications", hookQueueCapacity, clock, dropped(Hooks.NOTIFICATION)));
        Executor auditOn = hookExecutor != null ? hookExecutor : hookQueues.get(0);
        Executor notifyOn = hookExecutor != null ? hookExecutor : hookQueues.get(1);
        Pipelines registry = new Pipelines(stepTimeout.map(timeout -> pipelines.stream()
                .map(pipeline -> pipeline.withDefaultStepTimeout(timeout)).toList()).orElse(pipelines));
        EtaEstimator eta = new EtaEstimator();
        LearnedTimings learned = new LearnedTimings(learnedStore, clock);
        List<AuditHook> auditHooks = new ArrayList<>(audit);
        AuditTrail auditTrail = trail != null ? trail : keptTrail(audit, jobs).orElse(null);
        if (auditTrail == null) {
            InMemoryAuditLog kept = jobs instanceof InMemoryJobStore memory ? memory.auditLog() : new InMemoryAuditLog();
            auditHooks.add(kept);
            auditTrail = kept;
        }
        Hooks hooks = new Hooks(auditHooks, notifications, auditOn, notifyOn, clock, jobs, engineEvents);
        RunningJobs running = new RunningJobs();
        ProgressFlusher flusher = new ProgressFlusher(jobs, id, eta, learned, clock, engineEvents);
        JobRunner runner = new JobRunner(jobs, learned, eta, hooks, flusher, running, classifier, sleeper, clock, id,
                leaseLength, maxWorkerLosses, engineEvents);
        Maintenance maintenance = new Maintenance(jobs, flusher, new StallWatch(flusher, eta, hooks, clock),
                new LeaseKeeper(jobs, running, id, leaseLength, clock), learned, clock, ttl, idleTtl, engineEvents);

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
        List<ScheduledExecutorService> schedulers = List.of();
        if (scheduleMaintenance) {
            ScheduledExecutorService timer = daemonScheduler("conveyor-maintenance");
            ScheduledExecutorService renewals = daemonScheduler("conveyor-lease-renewal");
            maintenance.schedule(timer, renewals, progressInterval, leaseLength, cleanupInterval);
            schedulers = List.of(timer, renewals);
        }
        Drain drain = new Drain(jobs, registry, runner, id, leaseLength, clock);
        return new Conveyor(commands, queries, maintenance, drain, workerPool, schedulers, hookQueues,
                hookCloseTimeout, shutdownGrace, jobs, clock);
    }

    /**
     * The audit log the store keeps itself, when it can be read back (PostgreSQL's): it holds every transition's
     * event with the write that made it, so a copy kept in memory beside it would only cost a hand-over to the
     * hook thread per event and hold this process's events alone.
     */
    private static Optional<AuditTrail> keptTrail(List<AuditHook> hooks, JobStore store) {
        for (AuditHook hook : hooks) {
            if (hook instanceof AuditTrail readable && hook.isKeptBy(store)) {
                return Optional.of(readable);
            }
        }
        return Optional.empty();
    }

    /** What the engine's listener hears of a queued hook call of {@code kind} that a hook queue dropped. */
    private Runnable dropped(String kind) {
        EngineEvents events = engineEvents;
        return () -> {
            events.hookStarted(kind);
            events.hookDropped(kind);
        };
    }

    private static ScheduledExecutorService daemonScheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
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
