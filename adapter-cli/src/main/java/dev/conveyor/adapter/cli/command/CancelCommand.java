package dev.conveyor.adapter.cli.command;

import dev.conveyor.adapter.cli.engine.Engine;
import dev.conveyor.adapter.cli.engine.EngineSpec;
import dev.conveyor.adapter.cli.terminal.Terminal;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code conveyor cancel JOB...}: stops jobs, at once or at their running step's next checkpoint. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        header = "Cancels jobs.",
        description = "Cancels jobs. A job no worker runs is cancelled at once; a running one is stopped by its "
                + "worker at the step's next checkpoint (a command step's process tree is killed).",
        footerHeading = "%nExamples:%n",
        footer = {"  conveyor cancel 5f0c2b9e-6d1a-4c8e-9b1e-2f4d6a8c0e13",
                "  conveyor jobs --status queued --json | jq -r '.[].job_id' \\",
                "      | xargs conveyor cancel"})
final class CancelCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(paramLabel = "JOB", arity = "1..*", description = "The ids of the jobs to cancel.")
    private List<String> jobs = new ArrayList<>();

    @Mixin
    private StoreOptions store;

    @Mixin
    private SourceOptions sources;

    @Mixin
    private Verbosity verbosity;

    CancelCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Terminal terminal = context.terminal();
        EngineSpec spec = EngineSpec.readOnly(store.sharedStore(terminal, "cancel"), sources.catalog(context).definitions());
        try (Engine engine = context.engines().start(spec)) {
            for (String text : jobs) {
                Job job = JobArguments.accepted(engine.commands().cancel(store.tenant(), JobArguments.parse(text)),
                        "cannot cancel job " + text);
                terminal.out().println(job.status() == JobStatus.CANCELLED
                        ? "cancelled " + job.id()
                        : "cancel requested for " + job.id() + ": its worker stops it at the next checkpoint");
            }
            terminal.out().flush();
            return 0;
        }
    }
}
