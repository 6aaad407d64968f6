package dev.conveyor.adapter.cli.command;

import dev.conveyor.adapter.cli.support.CliHarness;
import dev.conveyor.adapter.cli.support.Files2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Help with examples on every command, the pipelines list, and shell completion. */
class HelpAndInfoTest {

    private static final String[] COMMANDS = {"run", "jobs", "status", "retry", "resume", "cancel", "pipelines",
            "worker", "completion"};

    @TempDir
    Path dir;

    @Test
    void everyCommandHasHelpWithExamples() {
        CliHarness cli = new CliHarness(dir);
        for (String command : COMMANDS) {
            CliHarness.Result help = cli.run(command, "--help");

            assertEquals(0, help.exit(), command);
            assertTrue(help.out().contains("Usage: conveyor " + command), help.out());
            assertTrue(help.out().contains("\nExamples:\n  conveyor "), command + " has examples: " + help.out());
        }
        CliHarness.Result top = cli.run("--help");
        assertTrue(top.out().contains("Commands:"), top.out());
        assertTrue(top.out().contains("Exit codes: 0 all completed, 1 some failed, 2 usage or configuration error,\n"
                + "130 interrupted."), top.out());
        assertTrue(top.out().contains("  run         Runs a batch of items through a pipeline, with live progress and a "
                + "summary.\n"), top.out());
    }

    @Test
    void noCommandPrintsUsageAndExitsWith2() {
        CliHarness.Result result = new CliHarness(dir).run();

        assertEquals(2, result.exit());
        assertTrue(result.err().startsWith("Usage: conveyor"), result.err());
    }

    @Test
    void pipelinesListsBuiltInAndFilePipelinesWithTheirSteps() {
        Files2.write(dir.resolve("p.yaml"), """
                name: docs
                steps:
                  - {name: extract, command: "true", weight: 30, estimate: 5s per item, timeout: 1m}
                  - {name: approve, review: true}
                """);

        CliHarness.Result result = new CliHarness(dir).builtIns(NoopPipeline.threeSteps("noop"))
                .run("pipelines", "--pipeline", "p.yaml");

        assertEquals(0, result.exit(), result.toString());
        assertEquals("""
                noop  (built-in)
                  first            weight 1    no estimate
                  second           weight 1    no estimate
                  third            weight 1    no estimate
                docs  (file p.yaml)
                  extract          weight 30   ~5.0 s per item, timeout 1m 00s
                  approve          weight 1    review
                """, result.out());
    }

    @Test
    void twoPipelinesWithOneNameAreAnError() {
        Files2.write(dir.resolve("p.yaml"), "name: noop\nsteps: [{name: a, command: \"true\"}]\n");

        CliHarness.Result result = new CliHarness(dir).builtIns(NoopPipeline.threeSteps("noop"))
                .run("pipelines", "--pipeline", "p.yaml");

        assertEquals(2, result.exit());
        assertEquals("conveyor: two pipelines are named 'noop': built-in and file p.yaml\n", result.err());
    }

    @Test
    void completionPrintsABashScriptForEveryCommand() {
        CliHarness.Result result = new CliHarness(dir).run("completion");

        assertEquals(0, result.exit());
        assertTrue(result.out().contains("complete -F _complete_conveyor"), result.out().lines().limit(5).toList()
                .toString());
        for (String command : COMMANDS) {
            assertTrue(result.out().contains(command), command);
        }
        assertTrue(result.out().contains("--parallel"));
    }
}
