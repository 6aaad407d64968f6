package dev.conveyor.adapter.cli;

import dev.conveyor.adapter.metrics.ConveyorMetrics;
import dev.conveyor.adapter.metrics.MetricsServer;
import dev.conveyor.adapter.metrics.ScrapeAccess;
import dev.conveyor.adapter.cli.command.Cli;
import dev.conveyor.adapter.cli.command.CliContext;
import dev.conveyor.adapter.cli.engine.Engine;
import dev.conveyor.adapter.cli.engine.EngineSpec;
import dev.conveyor.adapter.cli.engine.Engines;
import dev.conveyor.adapter.cli.engine.MetricsPort;
import dev.conveyor.adapter.cli.engine.StoreBackoff;
import dev.conveyor.adapter.cli.engine.StoreChoice;
import dev.conveyor.adapter.cli.engine.WatchedJobStore;
import dev.conveyor.adapter.cli.pipelines.BuiltInPipelines;
import dev.conveyor.adapter.cli.terminal.CliException;
import dev.conveyor.adapter.cli.terminal.Terminal;
import dev.conveyor.adapter.notify.Notifier;
import dev.conveyor.adapter.notify.NotifyConfig;
import dev.conveyor.adapter.postgres.PostgresConfig;
import dev.conveyor.adapter.postgres.PostgresStores;
import dev.conveyor.adapter.postgres.PostgresUnavailableException;
import dev.conveyor.core.Conveyor;
import dev.conveyor.core.ConveyorBuilder;
import dev.conveyor.core.failure.OutageBackoff;
import dev.conveyor.core.store.InMemoryJobStore;
import dev.conveyor.core.store.InMemoryNotificationOutbox;
import dev.conveyor.core.store.InMemoryStepTimings;
import dev.conveyor.port.in.ManageJobs;
import dev.conveyor.port.in.QueryJobs;
import dev.conveyor.port.out.AuditHook;
import dev.conveyor.port.out.AuditTrail;
import dev.conveyor.port.out.EngineEvents;
import dev.conveyor.port.out.JobStore;
import dev.conveyor.port.out.NotificationOutbox;
import dev.conveyor.port.out.StepTimings;
import dev.conveyor.port.out.StoreUnavailableException;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The composition root of the {@code conveyor} executable: wires the engine, the store chosen per command
 * and the commands by hand. Nothing else in the CLI knows the core or a store adapter.
 */
public final class ConveyorMain {

    private ConveyorMain() {
    }

    public static void main(String[] args) {
        Terminal terminal = Terminal.system();
        int code = Cli.execute(new CliContext(terminal, engines(url -> postgres(url, terminal.env()),
                terminal.env()), BuiltInPipelines.onClassPath()), args);
        System.exit(code);
    }

    /**
     * The stores behind a {@code --db} URL, and what to close when the command ends.
     *
     * @param wakeUps how the engine's idle workers hear at once of jobs other processes queue (see
     *                {@link ConveyorBuilder#wakeUpOn}); without it they find them at their next poll
     * @param metered meters the stores' own work (commits, connection pool) into the engine's meters, when served
     * @param outbox  where notifications wait for delivery: the database's, written with each transition, or one
     *                in memory
     * @param trail   where the engine reads the audit log back: the database's, kept by the stores' audit hook;
     *                when empty, the engine keeps a copy of every event in memory to read
     */
    public record Stores(JobStore jobs, StepTimings timings, List<AuditHook> audit, Consumer<Runnable> wakeUps,
                         AutoCloseable resources, Consumer<ConveyorMetrics> metered, NotificationOutbox outbox,
                         Optional<AuditTrail> trail) {
        public Stores {
            Objects.requireNonNull(trail, "trail must not be null");
            Objects.requireNonNull(jobs, "jobs must not be null");
            Objects.requireNonNull(timings, "timings must not be null");
            Objects.requireNonNull(wakeUps, "wakeUps must not be null");
            Objects.requireNonNull(resources, "resources must not be null");
            Objects.requireNonNull(metered, "metered must not be null");
            Objects.requireNonNull(outbox, "outbox must not be null");
            audit = List.copyOf(audit);
        }

        /** Stores whose audit log, if any, the engine does not read back. */
        public Stores(JobStore jobs, StepTimings timings, List<AuditHook> audit, Consumer<Runnable> wakeUps,
                      AutoCloseable resources, Consumer<ConveyorMetrics> metered, NotificationOutbox outbox) {
            this(jobs, timings, audit, wakeUps, resources, metered, outbox, Optional.empty());
        }

        /** Stores whose own work is not metered and whose notifications, if any, wait in memory. */
        public Stores(JobStore jobs, StepTimings timings, List<AuditHook> audit, Consumer<Runnable> wakeUps,
                      AutoCloseable resources) {
            this(jobs, timings, audit, wakeUps, resources, metrics -> { }, new InMemoryNotificationOutbox());
        }

        /** Stores whose notifications, if any, wait in memory. */
        public Stores(JobStore jobs, StepTimings timings, List<AuditHook> audit, Consumer<Runnable> wakeUps,
                      AutoCloseable resources, Consumer<ConveyorMetrics> metered) {
            this(jobs, timings, audit, wakeUps, resources, metered, new InMemoryNotificationOutbox());
        }

        /** Stores no other process queues work in, or whose workers may wait for the poll. */
        public Stores(JobStore jobs, StepTimings timings, List<AuditHook> audit, AutoCloseable resources) {
            this(jobs, timings, audit, wake -> { }, resources);
        }
    }

    /** Opens the stores of a shared database, or fails with a one-line {@link CliException}. */
    @FunctionalInterface
    public interface Databases {
        Stores open(String url);
    }

    /** Engines on the in-memory store, or on the database {@code databases} opens for a {@code --db} URL. */
    public static Engines engines(Databases databases) {
        return engines(databases, Map.of());
    }

    /**
     * As {@link #engines(Databases)}, with the engine settings of {@code env} ({@code CONVEYOR_LEASE},
     * {@code CONVEYOR_TTL}, {@code CONVEYOR_IDLE_TTL}, {@code CONVEYOR_MAX_WORKER_LOSSES},
     * {@code CONVEYOR_STEP_TIMEOUT}; see {@link ConveyorBuilder#environment}); the spec's lease (the command's
     * {@code --lease}, else {@code CONVEYOR_LEASE}, else its default) and {@code --ttl} win over them. An engine
     * that runs jobs also delivers the notifications {@code env} configures ({@code CONVEYOR_NOTIFY_FILE} or
     * {@code CONVEYOR_NOTIFY_JSON}), from the store's outbox.
     */
    public static Engines engines(Databases databases, Map<String, String> env) {
        return spec -> {
            if (spec.pipelines().isEmpty()) {
                throw new CliException("no pipelines known here: name pipeline files with --pipeline FILE or plugin "
                        + "jars with --plugin JAR");
            }
            Stores stores = switch (spec.store()) {
                case StoreChoice.InMemory memory -> new Stores(new InMemoryJobStore(), new InMemoryStepTimings(),
                        List.of(), () -> { });
                case StoreChoice.Database database -> databases.open(database.url());
            };
            Optional<ConveyorMetrics> metrics = spec.metrics().map(port -> ConveyorMetrics.prometheus());
            metrics.ifPresent(m -> {
                m.meterQueue(stores.jobs());
                stores.metered().accept(m);
            });
            // A watched store tells the command of each write as it commits; hooks the store keeps stay kept.
            Optional<WatchedJobStore> watched = spec.writes().map(watch -> new WatchedJobStore(stores.jobs(), watch));
            JobStore engineStore = watched.<JobStore>map(w -> w).orElse(stores.jobs());
            ConveyorBuilder builder = Conveyor.builder().pipelines(spec.pipelines()).store(engineStore)
                    .timings(stores.timings()).workers(spec.workers()).shutdownGrace(spec.shutdownGrace())
                    .wakeUpOn(stores.wakeUps())
                    .reportTo(metrics.map(ConveyorMetrics::listener).orElse(EngineEvents.NONE));
            try {
                builder.environment(env);
            } catch (IllegalArgumentException e) {
                closeQuietly(stores.resources());
                throw new CliException(e.getMessage(), e);
            }
            builder.leaseLength(spec.leaseLength());
            spec.ttl().ifPresent(builder::ttl);
            stores.trail().ifPresent(builder::auditTrail);
            spec.audit().forEach(builder::audit);
            stores.audit().forEach(hook -> builder.audit(watched.map(w -> w.auditHook(hook)).orElse(hook)));
            Optional<Notifier> notifier;
            try {
                notifier = notifier(spec, stores, env);
            } catch (RuntimeException e) {
                metrics.ifPresent(ConveyorMetrics::close);
                closeQuietly(stores.resources());
                throw e;
            }
            notifier.ifPresent(hook -> builder.notifications(watched.map(w -> w.notificationHook(hook))
                    .orElse(hook)));
            AutoCloseable resources = () -> {
                notifier.ifPresent(Notifier::close);
                metrics.ifPresent(ConveyorMetrics::close);
                stores.resources().close();
            };
            Optional<MetricsServer> served = Optional.empty();
            try {
                if (metrics.isPresent()) {
                    MetricsPort port = spec.metrics().orElseThrow();
                    served = Optional.of(serve(metrics.get(), port));
                }
                return new StartedEngine(builder.start(), served, resources);
            } catch (RuntimeException e) {
                served.ifPresent(MetricsServer::close);
                closeQuietly(resources);
                throw e;
            }
        };
    }

    /** The notifier of an engine that runs jobs, when the environment configures one. */
    private static Optional<Notifier> notifier(EngineSpec spec, Stores stores, Map<String, String> env) {
        if (spec.workers() == 0) {
            return Optional.empty();
        }
        try {
            return NotifyConfig.fromEnvironment(env)
                    .map(config -> Notifier.builder(config, stores.outbox(), stores.jobs()).start());
        } catch (IllegalArgumentException e) {
            throw new CliException("notifications: " + e.getMessage(), e);
        }
    }

    private static MetricsServer serve(ConveyorMetrics metrics, MetricsPort port) {
        ScrapeAccess access;
        try {
            access = ScrapeAccess.of(port.token(), port.host());
        } catch (IllegalArgumentException e) {
            throw new CliException("--metrics-host: " + e.getMessage(), e);
        }
        if (!access.canAdmit()) {
            throw new CliException("the meters would refuse every scrape on " + port.host() + ": set "
                    + "CONVEYOR_METRICS_TOKEN, or serve them on 127.0.0.1");
        }
        try {
            return MetricsServer.start(metrics, port.host(), port.port(), access);
        } catch (java.io.UncheckedIOException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    /**
     * The PostgreSQL stores for {@code --db URL}: credentials, schema and pool size come from
     * {@code CONVEYOR_DB_USER}, {@code CONVEYOR_DB_PASSWORD}, {@code CONVEYOR_DB_SCHEMA} and
     * {@code CONVEYOR_DB_POOL_SIZE} (or the URL's own parameters); the schema is migrated on first use.
     */
    public static Stores postgres(String url, Map<String, String> env) {
        Map<String, String> settings = new HashMap<>(env);
        settings.put("CONVEYOR_DB_URL", url);
        PostgresStores stores;
        try {
            stores = PostgresStores.connect(PostgresConfig.fromEnvironment(settings));
        } catch (PostgresUnavailableException | IllegalArgumentException | IllegalStateException e) {
            throw new CliException(firstLine(e.getMessage()), e);
        }
        // Closing the stores also ends the wake-up registration: the listening connection closes with the pool.
        return new Stores(stores.jobStore(), stores.stepTimings(), List.of(stores.auditLog()), stores::onWorkQueued,
                stores::close, metrics -> {
                    stores.reportTo(metrics.listener());
                    stores.publishPoolMetricsTo(metrics.registry());
                }, stores.notificationOutbox(), Optional.of(stores.auditTrail()));
    }

    private static String firstLine(String message) {
        String text = message == null ? "the database cannot be used" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static void closeQuietly(AutoCloseable resources) {
        try {
            resources.close();
        } catch (Exception ignored) {
            // the start already failed; that error is the one to report
        }
    }

    /** A started {@link Conveyor} with the resources of its store. */
    private static final class StartedEngine implements Engine {
        private final Conveyor conveyor;
        private final Optional<MetricsServer> metrics;
        private final AutoCloseable resources;
        private final AtomicBoolean stopped = new AtomicBoolean();

        StartedEngine(Conveyor conveyor, Optional<MetricsServer> metrics, AutoCloseable resources) {
            this.conveyor = conveyor;
            this.metrics = metrics;
            this.resources = resources;
        }

        @Override
        public OptionalInt metricsPort() {
            return metrics.map(server -> OptionalInt.of(server.port())).orElse(OptionalInt.empty());
        }

        @Override
        public ManageJobs commands() {
            return conveyor;
        }

        @Override
        public QueryJobs queries() {
            return conveyor;
        }

        @Override
        public StoreBackoff outageBackoff() {
            OutageBackoff backoff = new OutageBackoff();
            return new StoreBackoff() {
                @Override
                public Duration after(StoreUnavailableException failure) {
                    return backoff.after(failure);
                }

                @Override
                public boolean reset() {
                    return backoff.reset();
                }
            };
        }

        @Override
        public void stopWorkers() {
            if (stopped.compareAndSet(false, true)) {
                conveyor.close();
            }
        }

        @Override
        public void close() {
            stopWorkers();
            metrics.ifPresent(MetricsServer::close);
            try {
                resources.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close the store: " + e.getMessage(), e);
            }
        }
    }
}
