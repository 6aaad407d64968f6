package dev.conveyor.adapter.cli.command;

import dev.conveyor.adapter.cli.batch.BatchRun;
import dev.conveyor.adapter.cli.batch.FailureDetails;
import dev.conveyor.adapter.cli.batch.StoreWaitGaveUp;
import dev.conveyor.adapter.cli.batch.Summary;
import dev.conveyor.adapter.cli.engine.Engine;
import dev.conveyor.adapter.cli.pipelines.Catalog;
import dev.conveyor.adapter.cli.terminal.Terminal;
import dev.conveyor.model.Job;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.Payload;
import dev.conveyor.model.TenantId;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * After retry or resume put jobs back in the queue: follows them here, pipeline by pipeline, with the same
 * display and summary as {@code run}, while this process's workers (and any others) run them. Like {@code run}, it
 * waits out a database that is briefly unavailable, says so once, and gives up after {@code --db-wait}.
 */
final class FollowUp {

    private static final Duration TICK = Duration.ofMillis(100);

    private FollowUp() {
    }

    /**
     * @param since  when the jobs were put back in the queue
     * @param dbWait how long to wait out an unavailable database before giving up with {@link DbWaitOption#GAVE_UP}
     */
    static int follow(Engine engine, Catalog catalog, Terminal terminal, TenantId tenant, List<Job> started,
                      Instant since, OutputOptions output, boolean verbose, FailureDetails details, int parallel,
                      Duration dbWait) {
        Map<String, List<Job>> byPipeline = started.stream()
                .collect(Collectors.groupingBy(Job::pipeline, LinkedHashMap::new, Collectors.toList()));
        AtomicReference<BatchRun> current = new AtomicReference<>();
        AtomicReference<Boolean> stopped = new AtomicReference<>(false);
        return terminal.interrupts().guard(() -> {
            stopped.set(true);
            BatchRun run = current.get();
            if (run != null) {
                run.requestStop();
            }
        }, () -> {
            int worst = 0;
            for (Map.Entry<String, List<Job>> group : byPipeline.entrySet()) {
                if (stopped.get()) {
                    break;
                }
                BatchRun run = new BatchRun(engine, new BatchRun.Settings(tenant,
                        catalog.find(group.getKey()).orElseThrow().definition(), PipelineOptions.defaults(), false,
                        item -> Payload.empty(), TICK, parallel, dbWait,
                        notice -> terminal.err().println("conveyor: " + notice)), terminal.clock());
                current.set(run);
                if (stopped.get()) {
                    run.requestStop();
                }
                Summary summary;
                try {
                    summary = run.follow(group.getValue(), since, output.display(terminal, verbose));
                } catch (StoreWaitGaveUp e) {
                    terminal.err().println("conveyor: " + e.getMessage() + ". Every job is kept in the database: "
                            + "'conveyor worker' on it runs them, 'conveyor status JOB' shows each");
                    return DbWaitOption.GAVE_UP;
                }
                output.print(summary, terminal, true, details.byJob());
                worst = Math.max(worst, summary.exitCode());
            }
            return worst;
        });
    }
}
