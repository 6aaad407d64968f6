package dev.conveyor.adapter.cli.command;

import dev.conveyor.adapter.cli.ConveyorMain;
import dev.conveyor.adapter.cli.support.CliHarness;
import dev.conveyor.adapter.cli.support.Files2;
import dev.conveyor.adapter.cli.support.SharedStore;
import dev.conveyor.core.support.ForwardingJobStore;
import dev.conveyor.model.Job;
import dev.conveyor.model.TenantId;
import dev.conveyor.port.out.JobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code conveyor run} submits each item's job under a key derived from pipeline, item and the job it supersedes:
 * a run that planned from the same history as another (two runs racing on a shared store) follows the job the other
 * submitted instead of making a second; {@code --force} still makes new jobs, each time.
 */
class IdempotentRunTest {

    private static final TenantId CLI = TenantId.of("cli");

    @TempDir
    Path dir;

    private CliHarness givenThreeItems() throws Exception {
        Files2.write(dir.resolve("p.yaml"), """
                name: once
                steps:
                  - name: work
                    command: echo {item} >> {pipeline_dir}/ran.log
                """);
        for (String name : List.of("a", "b", "c")) {
            Files2.write(dir.resolve("items/" + name + ".txt"), name);
        }
        return new CliHarness(dir);
    }

    @Test
    void aRunThatPlannedBeforeAnotherRunsJobsWereStoredFollowsThemInsteadOfDoublingThem() throws Exception {
        CliHarness cli = givenThreeItems();
        String[] command = {"run", "p.yaml", "items/*.txt", "--db", SharedStore.URL};
        CliHarness.Result first = cli.run(command);

        // The second run reads the history as it was before the first run submitted: nothing for any item.
        CliHarness.Result racing = cli.databases(url -> new ConveyorMain.Stores(new NoHistory(cli.shared.jobs),
                cli.shared.timings, List.of(), () -> { })).run(command);

        assertEquals(0, first.exit(), first.toString());
        assertEquals(0, racing.exit(), racing.toString());
        assertTrue(racing.out().contains("3 completed, 0 failed"), racing.out());
        assertEquals(3, cli.shared.all(CLI).size(), "one job per item, shared by both runs");
        assertEquals(3, Files2.lines(dir.resolve("ran.log")).size(), "each item's step ran once");
    }

    @Test
    void forceMakesNewJobsEveryTime() throws Exception {
        CliHarness cli = givenThreeItems();
        String[] command = {"run", "p.yaml", "items/*.txt", "--db", SharedStore.URL};
        cli.run(command);

        CliHarness.Result forced = cli.run("run", "p.yaml", "items/*.txt", "--db", SharedStore.URL, "--force");
        CliHarness.Result forcedAgain = cli.run("run", "p.yaml", "items/*.txt", "--db", SharedStore.URL, "--force");

        assertEquals(0, forced.exit(), forced.toString());
        assertEquals(0, forcedAgain.exit(), forcedAgain.toString());
        assertEquals(9, cli.shared.all(CLI).size());
        assertEquals(9, Files2.lines(dir.resolve("ran.log")).size());
    }

    /** The shared store, but blind to the items' history, as a run that planned before another run submitted. */
    private static final class NoHistory extends ForwardingJobStore {

        NoHistory(JobStore store) {
            super(store);
        }

        @Override
        public Map<String, Job> newestByItem(TenantId tenant, String pipeline, Collection<String> items) {
            return Map.of();
        }
    }
}
