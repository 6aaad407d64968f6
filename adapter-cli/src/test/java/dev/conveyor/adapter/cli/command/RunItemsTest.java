package dev.conveyor.adapter.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conveyor.adapter.cli.support.CliHarness;
import dev.conveyor.adapter.cli.support.Files2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The ways to name items: files, globs, stdin lines and --items-from; each item becomes one job. */
class RunItemsTest {

    @TempDir
    Path dir;

    @BeforeEach
    void pipelineThatEchoesItsItem() {
        Files2.write(dir.resolve("echo.yaml"), """
                name: echo
                steps:
                  - name: say
                    command: echo {item}
                """);
        Files2.write(dir.resolve("in/a.txt"), "a");
        Files2.write(dir.resolve("in/b.txt"), "b");
        Files2.write(dir.resolve("in/sub/c.txt"), "c");
        Files2.write(dir.resolve("in/notes.md"), "d");
    }

    private List<String> items(CliHarness.Result result) throws Exception {
        assertEquals(0, result.exit(), result.toString());
        List<String> items = new ArrayList<>();
        for (JsonNode job : new ObjectMapper().readTree(result.out()).get("jobs")) {
            items.add(job.get("item").asText());
        }
        return items;
    }

    @Test
    void filesAndGlobsAreExpandedSortedAndCountedOnce() throws Exception {
        CliHarness.Result result = new CliHarness(dir).run("run", "echo.yaml", "in/*.txt", "in/a.txt",
                "in/**/*.txt", "--json");

        assertEquals(List.of("in/a.txt", "in/b.txt", "in/sub/c.txt"), items(result));
    }

    @Test
    void aDashReadsOneItemPerLineOfStdinAndLinesThatNameFilesAreFiles() throws Exception {
        CliHarness.Result result = new CliHarness(dir).stdin("in/notes.md\n\nhttps://example.org/x\nticket-42\n")
                .run("run", "echo.yaml", "-", "--json");

        assertEquals(List.of("in/notes.md", "https://example.org/x", "ticket-42"), items(result));
    }

    @Test
    void itemsFromReadsTheListFromAFile() throws Exception {
        Files2.write(dir.resolve("list.txt"), "in/b.txt\nsome id\n");

        CliHarness.Result result = new CliHarness(dir).run("run", "echo.yaml", "--items-from", "list.txt", "--json");

        assertEquals(List.of("in/b.txt", "some id"), items(result));
    }

    @Test
    void aBuiltInJavaPipelineRunsByName() throws Exception {
        CliHarness.Result result = new CliHarness(dir).builtIns(NoopPipeline.threeSteps("noop")).stdin("ticket-7\n")
                .run("run", "noop", "in/a.txt", "-", "--json");

        assertEquals(List.of("in/a.txt", "ticket-7"), items(result));
    }

    @Test
    void setAddsValuesToEveryJobsInput() {
        CliHarness cli = new CliHarness(dir);

        CliHarness.Result result = cli.run("run", "echo.yaml", "in/a.txt", "--set", "speed=0.5", "--set", "mode=fast",
                "--set", "n=3", "--set", "dry=true", "--db", dev.conveyor.adapter.cli.support.SharedStore.URL);

        assertEquals(0, result.exit(), result.toString());
        var input = cli.shared.all(dev.conveyor.model.TenantId.of("cli")).getFirst().input();
        assertEquals(0.5, input.getDouble("speed", 0));
        assertEquals("fast", input.getString("mode", ""));
        assertEquals(3, input.getLong("n", 0));
        assertEquals(true, input.getBoolean("dry", false));
        assertEquals(2, cli.run("run", "echo.yaml", "in/a.txt", "--set", "item=x").exit(), "item is the run's to set");
    }
}
