package dev.conveyor.adapter.cli.command;

import dev.conveyor.adapter.cli.display.WorkerLog;
import dev.conveyor.adapter.cli.engine.Engine;
import dev.conveyor.adapter.cli.engine.EngineSpec;
import dev.conveyor.adapter.cli.engine.MetricsPort;
import dev.conveyor.adapter.cli.engine.StoreChoice;
import dev.conveyor.adapter.cli.pipelines.Catalog;
import dev.conveyor.adapter.cli.terminal.CliException;
import dev.conveyor.adapter.cli.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code conveyor worker}: claims and runs jobs from a shared store until stopped. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        header = "Runs jobs from a shared store until stopped.",
        description = "Runs jobs from a shared PostgreSQL store, submitted by the REST service or by other CLIs, "
                + "until stopped with Ctrl-C or SIGTERM (running steps are stopped and their jobs handed back). "
                + "Several workers on several hosts share the work. A worker runs the built-in pipelines, those of "
                + "--plugin jars and those of --pipeline files.",
        footerHeading = "%nExamples:%n",
        footer = {"  conveyor worker --db 'jdbc:postgresql://db.internal/conveyor?user=conveyor'",
                "  conveyor worker --parallel 8 --pipeline examples/wordcount \\",
                "      --plugin my-pipelines.jar",
                "  CONVEYOR_METRICS_TOKEN=... conveyor worker --metrics-port 9400 --metrics-host 0.0.0.0"})
final class WorkerCommand implements Callable<Integer> {

    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final CliContext context;

    @Option(names = {"-p", "--parallel"}, paramLabel = "N", description = "Jobs run at once. Default: one per CPU.")
    private Integer parallel;

    @Option(names = "--lease", paramLabel = "DURATION", defaultValue = "30s",
            description = "How long a claimed job stays this worker's without renewal. Default: ${DEFAULT-VALUE}.")
    private Duration lease;

    @Option(names = "--metrics-port", paramLabel = "N", description = "Serve GET /metrics (Prometheus text format) "
            + "on port N while the worker runs (0 picks a free one). Default: not served.")
    private Integer metricsPort;

    @Option(names = "--metrics-host", paramLabel = "H", defaultValue = "127.0.0.1", description = "The address "
            + "--metrics-port listens on. Default: ${DEFAULT-VALUE}, open to this host only; any other address needs "
            + "CONVEYOR_METRICS_TOKEN, which scrapes then send as Authorization: Bearer <token>.")
    private String metricsHost;

    @Mixin
    private StoreOptions store;

    @Mixin
    private SourceOptions sources;

    @Mixin
    private Verbosity verbosity;

    WorkerCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Terminal terminal = context.terminal();
        StoreChoice shared = store.sharedStore(terminal, "worker");
        Catalog catalog = sources.catalog(context);
        if (catalog.all().isEmpty()) {
            throw new CliException("this worker knows no pipelines: name pipeline files with --pipeline FILE or "
                    + "plugin jars with --plugin JAR");
        }
        int workers = parallel != null ? parallel : Runtime.getRuntime().availableProcessors();
        if (workers < 1) {
            throw new CliException("--parallel must be at least 1, got " + workers);
        }
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 65_535)) {
            throw new CliException("--metrics-port must be from 0 to 65535, got " + metricsPort);
        }
        Optional<MetricsPort> metrics = Optional.ofNullable(metricsPort).map(port -> new MetricsPort(metricsHost, port,
                Optional.ofNullable(terminal.env().get("CONVEYOR_METRICS_TOKEN")).map(String::strip)
                        .filter(token -> !token.isEmpty())));
        EngineSpec spec = new EngineSpec(shared, catalog.definitions(), workers, lease, SHUTDOWN_GRACE,
                List.of(new WorkerLog(terminal.out(), terminal.clock())), metrics);
        CountDownLatch stop = new CountDownLatch(1);
        terminal.out().println("worker running " + String.join(", ", catalog.names()) + " with " + workers
                + (workers == 1 ? " thread" : " threads") + " on " + shared + "; Ctrl-C stops it");
        terminal.out().flush();
        try (Engine engine = context.engines().start(spec)) {
            engine.metricsPort().ifPresent(port -> {
                terminal.out().println("meters served at http://" + metricsHost + ":" + port + "/metrics");
                terminal.out().flush();
            });
            return terminal.interrupts().guard(stop::countDown, () -> {
                try {
                    stop.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                engine.stopWorkers();
                terminal.out().println("worker stopped; jobs it was running are back in the queue");
                terminal.out().flush();
                return 130;
            });
        }
    }
}
