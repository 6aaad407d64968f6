package dev.conveyor.adapter.cli.command;

import dev.conveyor.adapter.cli.batch.BatchRun;
import dev.conveyor.adapter.cli.batch.ChangedJobs;
import dev.conveyor.adapter.cli.batch.FailureDetails;
import dev.conveyor.adapter.cli.batch.Item;
import dev.conveyor.adapter.cli.batch.ItemSources;
import dev.conveyor.adapter.cli.batch.StoreWaitGaveUp;
import dev.conveyor.adapter.cli.batch.Summary;
import dev.conveyor.adapter.cli.engine.Engine;
import dev.conveyor.adapter.cli.engine.EngineSpec;
import dev.conveyor.adapter.cli.engine.StoreChoice;
import dev.conveyor.adapter.cli.pipelines.Catalog;
import dev.conveyor.adapter.cli.terminal.CliException;
import dev.conveyor.adapter.cli.terminal.Terminal;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.out.AuditHook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code conveyor run PIPELINE ITEMS...}: a job per item, run here, followed live, summed up at the end. */
@Command(name = "run", mixinStandardHelpOptions = true,
        header = "Runs a batch of items through a pipeline, with live progress and a summary.",
        description = "Each item becomes a job, run in this process. With a shared store (--db or CONVEYOR_DB_URL), "
                + "running the same command again skips the items already completed and resumes failed and "
                + "interrupted ones at the step where they stopped. Ctrl-C stops the running steps and leaves their "
                + "jobs resumable.",
        footerHeading = "%nExamples:%n",
        footer = {"  conveyor run examples/wordcount examples/wordcount/items/*.txt",
                "  conveyor run examples/wordcount/pipeline.yaml 'items/**/*.txt' -p 8",
                "  find docs -name '*.md' | conveyor run docs.yaml - --json > summary.json",
                "  conveyor run --db jdbc:postgresql://db/conveyor fetch.yaml --items-from urls",
                "",
                "Exit codes: 0 all completed, 1 some failed, 2 usage or configuration error,",
                "3 the database stayed unavailable for longer than --db-wait, 130 interrupted."})
final class RunCommand implements Callable<Integer> {

    private static final Duration DEFAULT_LEASE = Duration.ofSeconds(10);

    private static final Duration TICK = Duration.ofMillis(100);
    private static final Duration SHUTDOWN_GRACE = Duration.ofMillis(500);

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "PIPELINE",
            description = "A pipeline name (see 'conveyor pipelines'), a pipeline file, or a folder with a pipeline.yaml.")
    private String pipeline;

    @Parameters(index = "1..*", paramLabel = "ITEMS",
            description = "Files, globs ('items/*.txt'), URLs, or - for one item per line of stdin.")
    private List<String> items = new ArrayList<>();

    @Option(names = "--items-from", paramLabel = "FILE", description = "Read items from FILE, one per line.")
    private String itemsFrom;

    @Option(names = {"-p", "--parallel"}, paramLabel = "N", description = "Items run at once. Default: one per CPU.")
    private Integer parallel;

    @Option(names = "--force", description = "Run every item again, even those an earlier run completed.")
    private boolean force;

    @Option(names = "--skip-review", description = "Pass review steps without pausing.")
    private boolean skipReview;

    @Option(names = "--start-from", paramLabel = "STEP", description = "Skip the steps before STEP.")
    private String startFrom;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Adds KEY to every job's input (numbers and true/false as such); repeatable. E.g. "
                    + "--set time_scale=0.05 for the built-in demo pipeline.")
    private Map<String, String> extraInput = new LinkedHashMap<>();

    @Mixin
    private DbWaitOption dbWait;

    @Mixin
    private EngineOptions engineOptions;

    @Mixin
    private OutputOptions output;

    @Mixin
    private StoreOptions storeOptions;

    @Mixin
    private SourceOptions sources;

    @Mixin
    private Verbosity verbosity;

    RunCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Terminal terminal = context.terminal();
        Catalog.Entry entry = sources.catalog(context).resolve(pipeline);
        PipelineDefinition definition = entry.definition();
        PipelineOptions options = options(definition);
        List<Item> batch = ItemSources.resolve(terminal, items, Optional.ofNullable(itemsFrom));
        int workers = parallel != null ? parallel : Runtime.getRuntime().availableProcessors();
        if (workers < 1) {
            throw new CliException("--parallel must be at least 1, got " + workers);
        }
        StoreChoice store = storeOptions.store(terminal);
        FailureDetails details = new FailureDetails();
        // On a shared store, reading a job maps its row: the run takes the jobs its engine settled as their writes
        // stored them, and reads the others now and then. In memory a read costs next to nothing.
        Optional<ChangedJobs> changes = store.isShared() ? Optional.of(new ChangedJobs()) : Optional.empty();
        List<AuditHook> hooks = new ArrayList<>();
        if (verbosity.verbose) {
            hooks.add(details);
        }
        EngineSpec spec = new EngineSpec(store, List.of(definition), workers,
                engineOptions.lease(terminal, DEFAULT_LEASE), SHUTDOWN_GRACE, hooks, Optional.empty(),
                engineOptions.ttl(), changes.map(told -> told));
        BatchRun.Settings settings = new BatchRun.Settings(storeOptions.tenant(), definition, options, force,
                input(entry), TICK, workers, dbWait.dbWait(), notice -> terminal.err().println("conveyor: " + notice));
        try (Engine engine = context.engines().start(spec)) {
            BatchRun run = changes.map(told -> new BatchRun(engine, settings, terminal.clock(), told))
                    .orElseGet(() -> new BatchRun(engine, settings, terminal.clock()));
            return terminal.interrupts().guard(run::requestStop, () -> {
                Summary summary;
                try {
                    summary = run.execute(batch, output.display(terminal, verbosity.verbose));
                } catch (StoreWaitGaveUp e) {
                    terminal.err().println("conveyor: " + e.getMessage() + ". Every job is kept: run the same command "
                            + "again to carry on");
                    return DbWaitOption.GAVE_UP;
                }
                output.print(summary, terminal, store.isShared(), details.byJob());
                return summary.exitCode();
            });
        }
    }

    private PipelineOptions options(PipelineDefinition definition) {
        PipelineOptions options = PipelineOptions.defaults().withSkipReview(skipReview);
        if (startFrom != null) {
            if (definition.indexOf(startFrom) < 0) {
                throw new CliException("--start-from names no step of pipeline '" + definition.name() + "'; its steps "
                        + "are: " + String.join(", ", definition.stepNames()));
            }
            options = options.withStartFrom(startFrom);
        }
        return options;
    }

    /** The job input: the item, and for command steps a work folder that stays the same across re-runs. */
    private Function<Item, Payload> input(Catalog.Entry entry) {
        Payload base = InputValues.parse(extraInput);
        if (!entry.fromFile()) {
            return item -> base.with(Item.KEY, item.value());
        }
        Path root = sources.workRoot(context).resolve(entry.name());
        return item -> base.with(Item.KEY, item.value()).with("workdir", root.resolve(folderName(item)).toString());
    }

    private static String folderName(Item item) {
        String base = Path.of(item.value()).getFileName() == null ? "item" : Path.of(item.value()).getFileName().toString();
        String readable = base.replaceAll("[^A-Za-z0-9._-]", "_");
        if (readable.length() > 40) {
            readable = readable.substring(0, 40);
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(item.value().getBytes(StandardCharsets.UTF_8));
            return readable + "-" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
