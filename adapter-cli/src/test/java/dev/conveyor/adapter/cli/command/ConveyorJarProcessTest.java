package dev.conveyor.adapter.cli.command;

import dev.conveyor.adapter.cli.support.Files2;
import dev.conveyor.adapter.cli.support.JarProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shaded jar as a real child process: what a user at a terminal or a cron job gets. */
class ConveyorJarProcessTest {

    @TempDir
    Path dir;

    private final Path repository = Files2.examples().getParent();

    @Test
    void theWordcountExampleRunsEndToEndWithPlainLinesWhenStdoutIsAFile() throws Exception {
        JarProcess.Result result = JarProcess.run(repository, dir.resolve("logs"), "run", "examples/wordcount",
                "examples/wordcount/items/*.txt", "--workdir", dir.resolve("work").toString());

        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().lines().findFirst().orElseThrow()
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d wordcount: 7 items, \\d+ in parallel"), result.out());
        assertTrue(result.out().contains("wordcount: 7 items in "), result.out());
        assertTrue(result.out().contains("7 completed, 0 failed"), result.out());
        assertFalse(result.out().contains("\r"), "no redraws in a file");
        assertEquals("", result.err());
    }

    @Test
    void theFlakyExampleRetriesReportsItsFailureAndExitsWith1() throws Exception {
        JarProcess.Result result = JarProcess.run(repository, dir.resolve("logs"), "run", "examples/flaky",
                "examples/flaky/items/*.txt", "--workdir", dir.resolve("work").toString(), "--verbose");

        assertEquals(1, result.exit(), result.toString());
        assertTrue(result.out().contains("3 completed, 1 failed"), result.out());
        assertTrue(result.out().contains("broken_input (1 item): The file is marked BROKEN; fix it and retry the job."),
                result.out());
        assertTrue(result.out().contains("found the BROKEN marker in"), "--verbose shows the stderr tail");
        assertTrue(result.out().contains("examples/flaky/items/short.txt  summarise: only 2 words"), result.out());
    }

    @Test
    void badInputIsOneLineAndExit2WithoutAStackTrace() throws Exception {
        JarProcess.Result missing = JarProcess.run(repository, dir.resolve("logs"), "run", "nope.yaml", "x");
        JarProcess.Result database = JarProcess.run(repository, dir.resolve("logs"), "run", "examples/wordcount",
                "examples/wordcount/items/haiku.txt", "--db", "jdbc:postgresql://127.0.0.1:1/nothing");

        assertEquals(2, missing.exit(), missing.toString());
        assertEquals("conveyor: pipeline file not found: nope.yaml\n", missing.err());
        assertEquals(2, database.exit(), database.toString());
        assertEquals(1, database.err().lines().count(), database.err());
        assertTrue(database.err().startsWith("conveyor: "), database.err());
        assertFalse(database.err().contains("Exception"), database.err());
    }

    @Test
    void ctrlCStopsTheRunCleanlyWithExit130() throws Exception {
        Files2.write(dir.resolve("slow.yaml"), """
                name: slow
                steps:
                  - name: wait
                    command: |
                      echo {item} >> {pipeline_dir}/started.log
                      sleep 5
                """);
        for (int i = 0; i < 6; i++) {
            Files2.write(dir.resolve("items/" + i + ".txt"), "x");
        }
        JarProcess conveyor = JarProcess.start(dir, dir.resolve("logs"), Map.of(), "run", "slow.yaml", "items/*.txt",
                "--parallel", "2");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Files2.lines(dir.resolve("started.log")).size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        conveyor.signal("INT");
        JarProcess.Result result = conveyor.await(30);

        assertEquals(130, result.exit(), result.toString());
        assertTrue(result.out().contains("Interrupted: 6 unfinished items not done. Jobs in memory end with this "
                + "process; use --db to make runs resumable."), result.out());
    }

    @Test
    void versionAndHelp() throws Exception {
        JarProcess.Result version = JarProcess.run(dir, dir.resolve("logs"), "--version");
        JarProcess.Result help = JarProcess.run(dir, dir.resolve("logs"), "run", "--help");

        assertEquals("conveyor 0.1.0\n", version.out());
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("Examples:"), help.out());
    }
}
