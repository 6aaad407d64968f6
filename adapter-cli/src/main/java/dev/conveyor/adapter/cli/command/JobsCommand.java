package dev.conveyor.adapter.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.conveyor.adapter.cli.batch.Item;
import dev.conveyor.adapter.cli.display.Formats;
import dev.conveyor.adapter.cli.engine.Engine;
import dev.conveyor.adapter.cli.engine.EngineSpec;
import dev.conveyor.adapter.cli.terminal.Terminal;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobPage;
import dev.conveyor.model.JobQuery;
import dev.conveyor.model.JobStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code conveyor jobs}: the tenant's jobs in a shared store, newest first. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        header = "Lists jobs in the shared store, newest first.",
        description = "Lists the tenant's jobs in the shared store, newest first, with their state, step and item.",
        footerHeading = "%nExamples:%n",
        footer = {"  conveyor jobs --db jdbc:postgresql://localhost/conveyor",
                "  conveyor jobs --status failed --pipeline wordcount",
                "  conveyor jobs --limit 1000 --json | jq -r '.[].job_id'"})
final class JobsCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CliContext context;

    @Option(names = "--status", paramLabel = "STATUS",
            description = "Only jobs in this state: ${COMPLETION-CANDIDATES}.")
    private JobStatus status;

    @Option(names = "--pipeline-name", paramLabel = "NAME", description = "Only jobs of this pipeline.")
    private String pipelineName;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N jobs. Default: ${DEFAULT-VALUE}.")
    private int limit;

    @Option(names = "--json", description = "Print the jobs as a JSON array.")
    private boolean json;

    @Mixin
    private StoreOptions store;

    @Mixin
    private SourceOptions sources;

    @Mixin
    private Verbosity verbosity;

    JobsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Terminal terminal = context.terminal();
        EngineSpec spec = EngineSpec.readOnly(store.sharedStore(terminal, "jobs"), sources.catalog(context).definitions());
        try (Engine engine = context.engines().start(spec)) {
            List<Job> jobs = read(engine);
            if (json) {
                printJson(jobs, terminal.out());
            } else {
                printTable(jobs, terminal);
            }
            return 0;
        }
    }

    private List<Job> read(Engine engine) {
        List<Job> jobs = new ArrayList<>();
        JobQuery query = JobQuery.firstPage(Math.max(1, Math.min(limit, JobQuery.MAX_LIMIT)));
        if (status != null) {
            query = query.withStatus(status);
        }
        if (pipelineName != null) {
            query = query.withPipeline(pipelineName);
        }
        while (jobs.size() < limit) {
            JobPage page = engine.queries().list(store.tenant(), query);
            page.jobs().stream().limit(limit - jobs.size()).forEach(jobs::add);
            if (page.nextCursor().isEmpty()) {
                break;
            }
            query = query.after(page.nextCursor().get());
        }
        return jobs;
    }

    private static void printTable(List<Job> jobs, Terminal terminal) {
        PrintStream out = terminal.out();
        if (jobs.isEmpty()) {
            out.println("No jobs.");
            return;
        }
        String format = "%-36s  %-16s  %-15s  %-12s  %4s  %s%n";
        out.printf(format, "JOB", "PIPELINE", "STATUS", "STEP", "%", "ITEM");
        for (Job job : jobs) {
            out.printf(format, job.id(), job.pipeline(), job.status().wireName(), job.currentStep().orElse("-"),
                    job.progress(), Formats.item(terminal, Item.of(job)));
        }
        out.flush();
    }

    private static void printJson(List<Job> jobs, PrintStream out) {
        ArrayNode array = JSON.createArrayNode();
        for (Job job : jobs) {
            var node = array.addObject().put("job_id", job.id().toString()).put("pipeline", job.pipeline())
                    .put("status", job.status().wireName()).put("progress", job.progress())
                    .put("item", job.input().getString(Item.KEY, "")).put("cost_usd", job.costUsd())
                    .put("updated_at", job.updatedAt().toString());
            job.currentStep().ifPresentOrElse(step -> node.put("current_step", step), () -> node.putNull("current_step"));
            job.error().ifPresent(e -> node.putObject("error").put("code", e.code()).put("message", e.message()));
        }
        out.println(array.toPrettyString());
        out.flush();
    }
}
