package dev.conveyor.adapter.cli.command;

import dev.conveyor.adapter.cli.batch.FailureDetails;
import dev.conveyor.adapter.cli.engine.Engine;
import dev.conveyor.adapter.cli.engine.EngineSpec;
import dev.conveyor.adapter.cli.pipelines.Catalog;
import dev.conveyor.adapter.cli.terminal.CliException;
import dev.conveyor.adapter.cli.terminal.Terminal;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobPage;
import dev.conveyor.model.JobQuery;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.TenantId;
import dev.conveyor.port.in.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code conveyor retry JOB... | --failed}: resumes failed jobs at their failed step. */
@Command(name = "retry", mixinStandardHelpOptions = true,
        header = "Resumes failed jobs at the step that failed.",
        description = "Resumes failed jobs at the step that failed, keeping what the steps before it did, and "
                + "follows them here (this process runs them, alongside any workers) unless --queue-only.",
        footerHeading = "%nExamples:%n",
        footer = {"  conveyor retry 5f0c2b9e-6d1a-4c8e-9b1e-2f4d6a8c0e13",
                "  conveyor retry --failed --pipeline examples/wordcount/pipeline.yaml",
                "  conveyor retry --failed --pipeline-name wordcount --queue-only"})
final class RetryCommand implements Callable<Integer> {

    private static final Duration DEFAULT_LEASE = Duration.ofSeconds(10);

    private static final Duration SHUTDOWN_GRACE = Duration.ofMillis(500);

    private final CliContext context;

    @Parameters(paramLabel = "JOB", arity = "0..*", description = "The ids of the failed jobs to retry.")
    private List<String> jobs = new ArrayList<>();

    @Option(names = "--failed", description = "Retry every failed job (of --pipeline-name, if given).")
    private boolean allFailed;

    @Option(names = "--pipeline-name", paramLabel = "NAME", description = "With --failed: only this pipeline's jobs.")
    private String pipelineName;

    @Option(names = "--queue-only", description = "Only put the jobs back in the queue, for workers to run.")
    private boolean queueOnly;

    @Option(names = {"-p", "--parallel"}, paramLabel = "N", description = "Jobs run at once here. Default: one per CPU.")
    private Integer parallel;

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

    RetryCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (jobs.isEmpty() == !allFailed) {
            throw new CliException("name the jobs to retry, or pass --failed (not both)");
        }
        Terminal terminal = context.terminal();
        Duration wait = dbWait.dbWait();
        Catalog catalog = sources.catalog(context);
        int workers = queueOnly ? 0 : parallel != null ? parallel : Runtime.getRuntime().availableProcessors();
        FailureDetails details = new FailureDetails();
        EngineSpec spec = new EngineSpec(store.sharedStore(terminal, "retry"), catalog.definitions(), workers,
                engineOptions.lease(terminal, DEFAULT_LEASE),
                SHUTDOWN_GRACE, verbosity.verbose ? List.of(details) : List.of(), Optional.empty(), engineOptions.ttl());
        try (Engine engine = context.engines().start(spec)) {
            TenantId tenant = store.tenant();
            List<JobId> ids = allFailed ? failed(engine, tenant) : jobs.stream().map(JobArguments::parse).toList();
            if (ids.isEmpty()) {
                terminal.out().println("No failed jobs.");
                return 0;
            }
            Instant since = terminal.clock().instant();
            List<Job> started = new ArrayList<>();
            int refused = 0;
            for (JobId id : ids) {
                switch (engine.commands().retry(tenant, id)) {
                    case Outcome.Accepted<Job> accepted -> started.add(accepted.value());
                    case Outcome.Rejected<Job> rejected -> {
                        refused++;
                        terminal.err().println("conveyor: cannot retry job " + id + ": "
                                + JobArguments.explain(rejected.rejection()));
                    }
                }
            }
            int code = refused > 0 ? Cli.USAGE : 0;
            if (queueOnly || started.isEmpty()) {
                terminal.out().println("queued " + started.size() + (started.size() == 1 ? " job" : " jobs")
                        + " for retry");
                return code;
            }
            return Math.max(code, FollowUp.follow(engine, catalog, terminal, tenant, started, since, output,
                    verbosity.verbose, details, workers, wait));
        }
    }

    private List<JobId> failed(Engine engine, TenantId tenant) {
        List<JobId> ids = new ArrayList<>();
        JobQuery query = JobQuery.firstPage(JobQuery.MAX_LIMIT).withStatus(JobStatus.FAILED);
        if (pipelineName != null) {
            query = query.withPipeline(pipelineName);
        }
        while (true) {
            JobPage page = engine.queries().list(tenant, query);
            page.jobs().forEach(job -> ids.add(job.id()));
            if (page.nextCursor().isEmpty()) {
                return ids;
            }
            query = query.after(page.nextCursor().get());
        }
    }
}
