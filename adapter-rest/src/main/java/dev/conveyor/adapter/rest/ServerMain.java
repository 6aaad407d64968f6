package dev.conveyor.adapter.rest;

import dev.conveyor.adapter.notify.Notifier;
import dev.conveyor.adapter.notify.NotifyConfig;
import dev.conveyor.adapter.metrics.ConveyorMetrics;
import dev.conveyor.adapter.metrics.ScrapeAccess;
import dev.conveyor.adapter.metrics.ScrapeAnswer;
import dev.conveyor.adapter.postgres.PostgresConfig;
import dev.conveyor.adapter.postgres.PostgresStores;
import dev.conveyor.adapter.rest.auth.Tokens;
import dev.conveyor.core.Conveyor;
import dev.conveyor.core.ConveyorBuilder;
import dev.conveyor.core.store.InMemoryJobStore;
import dev.conveyor.core.store.InMemoryNotificationOutbox;
import dev.conveyor.core.store.InMemoryStepTimings;
import dev.conveyor.model.JobId;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.out.AuditHook;
import dev.conveyor.port.out.AuditTrail;
import dev.conveyor.port.out.EngineEvents;
import dev.conveyor.port.out.JobStore;
import dev.conveyor.port.out.NotificationOutbox;
import dev.conveyor.port.out.StepTimings;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The server's composition root, the one class that knows the engine and the stores: it wires the job store
 * (in memory, or PostgreSQL with {@code --db}), the engine with the plugin pipelines, and the HTTP API, by hand.
 */
public final class ServerMain {

    /** How long a shutdown lets running steps go on before telling them to stop at their next checkpoint. */
    static final Duration STEP_GRACE = Duration.ofSeconds(5);

    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final TenantId PROBE_TENANT = TenantId.of("readiness-probe");
    private static final JobId PROBE_JOB = new JobId(new UUID(0, 0));

    private ServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServerOptions options;
        try {
            options = ServerOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(ServerOptions.NAME + ": " + e.getMessage());
            if (e instanceof ServerOptions.UsageError usage && !usage.suggestions().isEmpty()) {
                System.err.println(usage.suggestions());
            }
            System.err.println("Try '" + ServerOptions.NAME + " --help' for more information.");
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(ServerOptions.USAGE);
            return;
        }
        RestServer server;
        try {
            Tokens tokens = ServerTokens.load(options.tokensFile(), System.getenv(), System.out);
            server = start(options, tokens, System.getenv());
        } catch (RuntimeException e) {
            System.err.println("conveyor-server: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping: finishing requests in flight, letting running steps reach a checkpoint...");
            server.close();
            System.out.println("Stopped.");
        }, "conveyor-shutdown"));
        String base = "http://" + options.http().host() + ":" + server.port() + "/";
        System.out.println("Conveyor serves the dashboard at " + base + " and the API at " + base + "api/v1 ("
                + (options.dbUrl().isPresent() ? "PostgreSQL" : "in memory") + ", " + options.workers()
                + " workers)" + (options.metrics().enabled() ? ", its meters at " + base + "metrics" : "")
                + ". Ctrl-C stops it gracefully.");
        Thread.currentThread().join();
    }

    /**
     * Wires and starts everything; closing the returned server stops the API, then the engine, then the store.
     *
     * @param env where the PostgreSQL settings besides the URL come from ({@code CONVEYOR_DB_USER}, …) and the
     *            engine's ({@code CONVEYOR_LEASE}, {@code CONVEYOR_TTL}, {@code CONVEYOR_IDLE_TTL},
     *            {@code CONVEYOR_MAX_WORKER_LOSSES}, {@code CONVEYOR_STEP_TIMEOUT}: see
     *            {@link ConveyorBuilder#environment})
     */
    public static RestServer start(ServerOptions options, Tokens tokens, Map<String, String> env) {
        List<PipelineDefinition> pipelines = PluginPipelines.load();
        Optional<NotifyConfig> notify = NotifyConfig.fromEnvironment(env);
        Optional<ConveyorMetrics> metrics = options.metrics().enabled() ? Optional.of(ConveyorMetrics.prometheus())
                : Optional.empty();
        Stores stores;
        try {
            stores = openStores(options, env, metrics);
        } catch (RuntimeException e) {
            metrics.ifPresent(ConveyorMetrics::close);
            throw e;
        }
        Optional<Notifier> notifier = Optional.empty();
        Conveyor conveyor;
        try {
            notifier = notify.map(config -> Notifier.builder(config, stores.outbox(), stores.jobs()).start());
            var builder = Conveyor.builder().pipelines(pipelines).store(stores.jobs()).timings(stores.timings())
                    .workers(options.workers()).shutdownGrace(STEP_GRACE).wakeUpOn(stores.wakeUps())
                    .reportTo(metrics.map(ConveyorMetrics::listener).orElse(EngineEvents.NONE))
                    .environment(env);
            options.ttl().ifPresent(builder::ttl);
            stores.audit().forEach(builder::audit);
            stores.trail().ifPresent(builder::auditTrail);
            notifier.ifPresent(builder::notifications);
            conveyor = builder.start();
        } catch (RuntimeException e) {
            notifier.ifPresent(Notifier::close);
            stores.closeQuietly();
            throw e;
        }
        Optional<Notifier> notifying = notifier;
        metrics.ifPresent(m -> m.meterQueue(stores.jobs()));
        RestApi api = new RestApi(conveyor, conveyor, () -> answers(stores.jobs()),
                metrics.map(m -> scrape(m, options)).orElse(MetricsScrape.OFF), stores.outbox()::deliveries);
        System.out.println("Pipelines: " + pipelines.stream().map(PipelineDefinition::name)
                .collect(Collectors.joining(", ")));
        notify.ifPresent(config -> System.out.println("Notifications: " + config.webhooks().size()
                + " webhook endpoint(s), " + config.emails().size() + " email subscription(s)"));
        AutoCloseable engine = () -> {
            conveyor.close();
            notifying.ifPresent(Notifier::close);
            stores.closeQuietly();
        };
        try {
            return RestServer.start(options.http().withDefaultServing(stores.blocks(), 2 * CORES), api, tokens,
                    engine);
        } catch (RuntimeException e) {
            conveyor.close();
            notifying.ifPresent(Notifier::close);
            stores.closeQuietly();
            throw e;
        }
    }

    /**
     * {@code GET /metrics}: open when the server listens on a loopback address and no metrics token is set, else
     * only with the token ({@link ScrapeAccess}).
     */
    private static MetricsScrape scrape(ConveyorMetrics metrics, ServerOptions options) {
        ScrapeAccess access = ScrapeAccess.of(options.metrics().token(), options.http().host());
        if (!access.canAdmit()) {
            System.out.println("GET /metrics answers 403 until CONVEYOR_METRICS_TOKEN is set: this server listens "
                    + "beyond loopback (--host 127.0.0.1 opens it to this host; --no-metrics turns it off).");
        }
        return authorization -> {
            ScrapeAnswer answer = access.answer(authorization, metrics);
            return new MetricsScrape.Page(answer.status(), answer.contentType(), answer.body());
        };
    }

    /**
     * The one place the job store is chosen. In memory by default; {@code --db} / {@code CONVEYOR_DB_URL}
     * selects PostgreSQL, whose commits and connection pool are metered too when {@code metrics} are kept.
     */
    private static Stores openStores(ServerOptions options, Map<String, String> env,
                                     Optional<ConveyorMetrics> metrics) {
        AutoCloseable closeMetrics = () -> metrics.ifPresent(ConveyorMetrics::close);
        if (options.dbUrl().isPresent()) {
            Map<String, String> settings = new java.util.HashMap<>(env);
            settings.put("CONVEYOR_DB_URL", options.dbUrl().get());
            PostgresStores pg = PostgresStores.connect(PostgresConfig.fromEnvironment(settings));
            metrics.ifPresent(m -> {
                pg.reportTo(m.listener());
                pg.publishPoolMetricsTo(m.registry());
            });
            // Workers hear of jobs other processes queue through LISTEN/NOTIFY; closing pg ends the registration.
            // Every transition's audit event, with a failure's internal detail, goes to the audit_event table.
            // Notifications go in its outbox with their transitions; any process may deliver them.
            return new Stores(pg.jobStore(), pg.stepTimings(), List.of(pg.auditLog()), Optional.of(pg.auditTrail()),
                    pg::onWorkQueued, () -> {
                        pg.close();
                        closeMetrics.close();
                    }, true, pg.notificationOutbox());
        }
        // Only this process queues work in memory, and its own submissions wake its workers already.
        // The engine keeps the audit trail in memory itself when given none.
        return new Stores(new InMemoryJobStore(), new InMemoryStepTimings(), List.of(), Optional.empty(), wake -> { },
                closeMetrics, false, new InMemoryNotificationOutbox());
    }

    /** The store answers a primary-key lookup: what every poll needs. */
    private static boolean answers(JobStore store) {
        try {
            store.find(PROBE_TENANT, PROBE_JOB);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * A store, where audit events go with it and are read back from, where notifications wait, how idle workers hear of work other processes queue in it, what to
     * close with it, and whether its calls block on I/O. That last decides how requests are served by default.
     * With nothing to block on, two platform threads per core (more only add context switches: on 2 cores, 4
     * threads served far more polls than 32). A store that blocks is served on virtual threads: every poll in
     * flight waits at no cost, and the many waiting at once share one read (on 2 cores: 15,000 progress polls/s
     * against 5,500 on 8 or 16 platform threads when this was chosen, 22,000 since; see adapter-rest/bench).
     */
    private record Stores(JobStore jobs, StepTimings timings, List<AuditHook> audit, Optional<AuditTrail> trail,
                          Consumer<Runnable> wakeUps,
                          AutoCloseable resources, boolean blocks, NotificationOutbox outbox) {
        void closeQuietly() {
            try {
                resources.close();
            } catch (Exception e) {
                System.err.println("conveyor-server: closing the store failed: " + e.getMessage());
            }
        }
    }
}
