package dev.conveyor.adapter.cli.command;

import dev.conveyor.adapter.cli.support.CliHarness;
import dev.conveyor.adapter.cli.support.Files2;
import dev.conveyor.adapter.cli.support.SharedStore;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.TenantId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Running the same command again on the same store: completed items are skipped, failed and interrupted ones
 * resume where they stopped. The shared store is in memory here; the PostgreSQL tests do the same across
 * processes.
 */
class ResumeAcrossRunsTest {

    private static final TenantId CLI = TenantId.of("cli");

    @TempDir
    Path dir;

    @Test
    void aReRunSkipsCompletedItemsAndResumesAFailedOneAtItsFailedStep() throws Exception {
        Files2.write(dir.resolve("p.yaml"), """
                name: three
                steps:
                  - name: one
                    command: echo {item} >> {pipeline_dir}/one.log
                  - name: two
                    command: |
                      if [ -e {pipeline_dir}/broken ] && [ "$(basename {item})" = b.txt ]; then exit 3; fi
                      echo {item} >> {pipeline_dir}/two.log
                  - name: three
                    command: echo {item} >> {pipeline_dir}/three.log
                """);
        for (String name : List.of("a", "b", "c")) {
            Files2.write(dir.resolve("items/" + name + ".txt"), name);
        }
        Files2.write(dir.resolve("broken"), "");
        CliHarness cli = new CliHarness(dir);
        String[] command = {"run", "p.yaml", "items/*.txt", "--db", SharedStore.URL, "--workdir", "work"};

        CliHarness.Result first = cli.run(command);
        Files.delete(dir.resolve("broken"));
        CliHarness.Result second = cli.run(command);

        assertEquals(1, first.exit(), first.toString());
        assertEquals(0, second.exit(), second.toString());
        assertTrue(second.out().contains("three: 3 items, 2 already completed, 1 resumed"), second.out());
        assertTrue(second.out().contains("1 completed, 0 failed, 2 already completed"), second.out());
        assertEquals(3, Files2.lines(dir.resolve("one.log")).size(), "step one ran once per item, never again");
        assertEquals(3, Files2.lines(dir.resolve("three.log")).size());
        List<Job> jobs = cli.shared.all(CLI);
        assertEquals(3, jobs.size(), "the failed item's job was resumed, not replaced");
        assertTrue(jobs.stream().allMatch(job -> job.status() == JobStatus.COMPLETED));
    }

    @Test
    void ctrlCStopsRunningStepsLeavesJobsResumableAndAReRunCompletesEachItemExactlyOnce() throws Exception {
        Files2.write(dir.resolve("p.yaml"), """
                name: slow
                steps:
                  - name: wait
                    command: |
                      echo {item} >> {pipeline_dir}/started.log
                      sleep 0.4
                  - name: finish
                    command: echo {item} >> {pipeline_dir}/finished.log
                """);
        for (int i = 0; i < 10; i++) {
            Files2.write(dir.resolve("items/" + i + ".txt"), "x");
        }
        CliHarness cli = new CliHarness(dir);
        String[] command = {"run", "p.yaml", "items/*.txt", "--db", SharedStore.URL, "--parallel", "2"};

        CompletableFuture<CliHarness.Result> first = CompletableFuture.supplyAsync(() -> cli.run(command));
        awaitLines(dir.resolve("started.log"), 3);
        cli.interrupts.fire();
        CliHarness.Result interrupted = first.get(20, TimeUnit.SECONDS);

        assertEquals(130, interrupted.exit(), interrupted.toString());
        assertTrue(interrupted.out().contains("left resumable. Run the same command again to resume them."),
                interrupted.out());
        List<Job> left = cli.shared.all(CLI);
        assertFalse(left.stream().anyMatch(job -> job.status() == JobStatus.RUNNING), "every running job was handed back");
        assertTrue(left.stream().anyMatch(job -> job.status() != JobStatus.COMPLETED), "the run really was cut short");

        CliHarness.Result second = cli.run(command);

        assertEquals(0, second.exit(), second.toString());
        List<Job> jobs = cli.shared.all(CLI);
        assertEquals(10, jobs.size(), "one job per item");
        assertTrue(jobs.stream().allMatch(job -> job.status() == JobStatus.COMPLETED));
        Map<String, Long> finished = Files2.lines(dir.resolve("finished.log")).stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertEquals(10, finished.size(), finished.toString());
        assertTrue(finished.values().stream().allMatch(count -> count == 1), "each item finished exactly once: " + finished);
    }

    private static void awaitLines(Path file, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (Files2.lines(file).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " never reached " + count + " lines");
            }
            Thread.sleep(20);
        }
    }
}
