package dev.conveyor.adapter.cli.command;

import dev.conveyor.adapter.cli.batch.FailureDetails;
import dev.conveyor.adapter.cli.engine.Engine;
import dev.conveyor.adapter.cli.engine.EngineSpec;
import dev.conveyor.adapter.cli.file.DecisionsFile;
import dev.conveyor.adapter.cli.file.PipelineFileException;
import dev.conveyor.adapter.cli.pipelines.Catalog;
import dev.conveyor.adapter.cli.terminal.CliException;
import dev.conveyor.adapter.cli.terminal.Terminal;
import dev.conveyor.model.Job;
import dev.conveyor.model.ReviewDecision;
import dev.conveyor.model.ReviewItem;
import dev.conveyor.model.TenantId;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code conveyor resume JOB}: continues a job paused at a review step with the review's decisions. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        header = "Continues a job paused at a review step.",
        description = "Continues a job paused at a review step, with a decision for each open item, and follows it "
                + "here (this process runs it, alongside any workers) unless --queue-only.",
        footerHeading = "%nExamples:%n",
        footer = {"  conveyor resume --approve-all 5f0c2b9e-6d1a-4c8e-9b1e-2f4d6a8c0e13",
                "  conveyor resume --decisions decisions.yaml 5f0c2b9e-6d1a-4c8e-9b1e-2f4d6a8c0e13",
                "",
                "A decisions file lists '- {item: ID, approved: true|false, comment: TEXT}'",
                "entries, or maps each item id to approve or reject. Without --approve-all or",
                "--decisions, the open items are listed."})
final class ResumeCommand implements Callable<Integer> {

    private static final Duration DEFAULT_LEASE = Duration.ofSeconds(10);

    private static final Duration SHUTDOWN_GRACE = Duration.ofMillis(500);

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "JOB", description = "The id of the job awaiting review.")
    private String job;

    @ArgGroup(exclusive = true)
    private Verdicts verdicts;

    /** The two ways to decide: approve everything, or read the decisions from a file. */
    static final class Verdicts {
        @Option(names = "--approve-all", description = "Approve every open review item.")
        boolean approveAll;

        @Option(names = "--decisions", paramLabel = "FILE", description = "Decisions per item, in YAML or JSON.")
        String decisions;
    }

    @Option(names = "--queue-only", description = "Only put the job back in the queue, for workers to run.")
    private boolean queueOnly;

    @Mixin
    private EngineOptions engineOptions;

    @Mixin
    private DbWaitOption dbWait;

    @Mixin
    private OutputOptions output;

    @Mixin
    private StoreOptions store;

    @Mixin
    private SourceOptions sources;

    @Mixin
    private Verbosity verbosity;

    ResumeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Terminal terminal = context.terminal();
        Duration wait = dbWait.dbWait();
        Catalog catalog = sources.catalog(context);
        FailureDetails details = new FailureDetails();
        EngineSpec spec = new EngineSpec(store.sharedStore(terminal, "resume"), catalog.definitions(),
                queueOnly ? 0 : 1, engineOptions.lease(terminal, DEFAULT_LEASE), SHUTDOWN_GRACE,
                verbosity.verbose ? List.of(details) : List.of(), Optional.empty(), engineOptions.ttl());
        try (Engine engine = context.engines().start(spec)) {
            TenantId tenant = store.tenant();
            Job paused = JobArguments.find(engine.queries(), tenant, job);
            List<ReviewDecision> decisions = decisions(paused, terminal);
            Instant since = terminal.clock().instant();
            Job resumed = JobArguments.accepted(engine.commands().resume(tenant, paused.id(), decisions),
                    "cannot resume job " + paused.id());
            if (queueOnly) {
                terminal.out().println("queued " + resumed.id() + " to continue after review");
                return 0;
            }
            return FollowUp.follow(engine, catalog, terminal, tenant, List.of(resumed), since, output, verbosity.verbose,
                    details, 1, wait);
        }
    }

    private List<ReviewDecision> decisions(Job paused, Terminal terminal) {
        if (verdicts == null) {
            throw new CliException("say how to decide: --approve-all, or --decisions FILE; open items: "
                    + (paused.reviewItems().isEmpty() ? "none"
                    : String.join(", ", paused.reviewItems().stream().map(i -> i.id() + " (" + i.label() + ")").toList())));
        }
        if (verdicts.approveAll) {
            return paused.reviewItems().stream().map(ReviewItem::id).map(ReviewDecision::approve).toList();
        }
        try {
            return DecisionsFile.read(terminal.resolve(verdicts.decisions), verdicts.decisions);
        } catch (PipelineFileException e) {
            throw new CliException(e.getMessage(), e);
        }
    }
}
