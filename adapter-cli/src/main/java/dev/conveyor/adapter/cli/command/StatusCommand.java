package dev.conveyor.adapter.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.conveyor.adapter.cli.batch.Item;
import dev.conveyor.adapter.cli.display.Formats;
import dev.conveyor.adapter.cli.display.JobWatch;
import dev.conveyor.adapter.cli.display.ProgressText;
import dev.conveyor.adapter.cli.engine.Engine;
import dev.conveyor.adapter.cli.engine.EngineSpec;
import dev.conveyor.adapter.cli.terminal.CliException;
import dev.conveyor.adapter.cli.terminal.Terminal;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.ProgressView;
import dev.conveyor.model.TenantId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

/** {@code conveyor status JOB}: where one job stands, once or followed live with {@code --watch}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        header = "Shows where a job stands: status, progress, ETA, cost and each step.",
        description = "Shows where a job stands, once or, with --watch, until it stops.",
        footerHeading = "%nExamples:%n",
        footer = {"  conveyor status 5f0c2b9e-6d1a-4c8e-9b1e-2f4d6a8c0e13",
                "  conveyor status --watch 5f0c2b9e-6d1a-4c8e-9b1e-2f4d6a8c0e13",
                "  conveyor status --json 5f0c2b9e-6d1a-4c8e-9b1e-2f4d6a8c0e13 | jq .status",
                "",
                "With --watch the exit code is 0 when the job completes or pauses for review,",
                "1 when it fails or is cancelled, 130 when interrupted."})
final class StatusCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "JOB", description = "The job's id.")
    private String job;

    @Option(names = {"-w", "--watch"}, description = "Follow the job until it stops.")
    private boolean watch;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s",
            description = "How often --watch reads the job. Default: ${DEFAULT-VALUE}.")
    private Duration interval;

    @Option(names = "--json", description = "Print the progress view as JSON.")
    private boolean json;

    @Mixin
    private StoreOptions store;

    @Mixin
    private SourceOptions sources;

    @Mixin
    private Verbosity verbosity;

    StatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Terminal terminal = context.terminal();
        EngineSpec spec = EngineSpec.readOnly(store.sharedStore(terminal, "status"), sources.catalog(context).definitions());
        try (Engine engine = context.engines().start(spec)) {
            TenantId tenant = store.tenant();
            Job found = JobArguments.find(engine.queries(), tenant, job);
            if (!watch) {
                print(engine, found, tenant, terminal);
                return 0;
            }
            JobWatch watcher = new JobWatch(terminal, interval);
            return terminal.interrupts().guard(watcher::stop, () -> {
                boolean stopped = watcher.follow(() -> view(engine, found, tenant));
                Job last = engine.queries().job(tenant, found.id()).orElse(found);
                print(engine, last, tenant, terminal);
                if (!stopped) {
                    return 130;
                }
                return last.status() == JobStatus.COMPLETED || last.status() == JobStatus.AWAITING_REVIEW ? 0 : 1;
            });
        }
    }

    private static ProgressView view(Engine engine, Job job, TenantId tenant) {
        return engine.queries().progress(tenant, job.id())
                .orElseThrow(() -> new CliException("job " + job.id() + " no longer exists"));
    }

    private void print(Engine engine, Job job, TenantId tenant, Terminal terminal) {
        ProgressView view = view(engine, job, tenant);
        if (json) {
            terminal.out().println(json(view).toPrettyString());
            terminal.out().flush();
        } else {
            ProgressText.print(view, job.pipeline(), Formats.item(terminal, Item.of(job)), terminal.out());
        }
    }

    private static ObjectNode json(ProgressView view) {
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.put("job_id", view.jobId().toString()).put("status", view.status())
                .put("pipeline_progress", view.pipelineProgress()).put("is_processing", view.isProcessing())
                .put("cost_so_far_usd", view.costSoFarUsd());
        view.currentStep().ifPresentOrElse(s -> node.put("current_step", s), () -> node.putNull("current_step"));
        view.estimatedRemainingSeconds().ifPresentOrElse(s -> node.put("estimated_remaining_seconds", s),
                () -> node.putNull("estimated_remaining_seconds"));
        view.estimatedCompletionAt().ifPresentOrElse(
                t -> node.put("estimated_completion_at", t.truncatedTo(ChronoUnit.MILLIS).toString()),
                () -> node.putNull("estimated_completion_at"));
        view.statusDetail().ifPresentOrElse(d -> node.put("status_detail", d), () -> node.putNull("status_detail"));
        view.unit().ifPresentOrElse(u -> node.put("unit", u), () -> node.putNull("unit"));
        var steps = node.putArray("steps");
        for (ProgressView.StepView step : view.steps()) {
            var s = steps.addObject().put("name", step.name()).put("status", step.status().wireName());
            step.startedAt().ifPresentOrElse(t -> s.put("started_at", t.toString()), () -> s.putNull("started_at"));
            step.completedAt().ifPresentOrElse(t -> s.put("completed_at", t.toString()), () -> s.putNull("completed_at"));
            step.durationMs().ifPresentOrElse(d -> s.put("duration_ms", d), () -> s.putNull("duration_ms"));
            step.unitsDone().ifPresentOrElse(u -> s.put("units_done", u), () -> s.putNull("units_done"));
            step.unitsTotal().ifPresentOrElse(u -> s.put("units_total", u), () -> s.putNull("units_total"));
        }
        view.error().ifPresentOrElse(e -> node.putObject("error").put("code", e.code()).put("message", e.message()),
                () -> node.putNull("error"));
        return node;
    }
}
