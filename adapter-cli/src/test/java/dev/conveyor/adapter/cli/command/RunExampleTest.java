package dev.conveyor.adapter.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conveyor.adapter.cli.support.CliHarness;
import dev.conveyor.adapter.cli.support.Files2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped wordcount example, end to end, in each way its progress and summary can be shown. */
class RunExampleTest {

    @TempDir
    Path work;

    private CliHarness cli() {
        return new CliHarness(Files2.examples().getParent());
    }

    @Test
    void theWordcountExampleCompletesEveryItemAndSumsUpEachStep() {
        CliHarness.Result result = cli().run("run", "examples/wordcount", "examples/wordcount/items/*.txt",
                "--workdir", work.toString());

        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().contains("wordcount: 7 items in "), result.out());
        assertTrue(result.out().contains("7 completed, 0 failed"), result.out());
        assertTrue(result.out().matches("(?s).*\\n  step +ran +failed +p50 +p95\\n  extract +7 +0 .*"), result.out());
        assertTrue(result.out().contains("examples/wordcount/items/haiku.txt  validate: only 9 distinct words"),
                result.out());
        assertTrue(result.out().contains("Total cost: $0.0007"), result.out());
        String report = String.join("\n", Files2.lines(onlyFolder(work.resolve("wordcount"), "river.txt")
                .resolve("report.txt")));
        assertTrue(report.contains(" the"), report);
    }

    @Test
    void withoutATerminalProgressIsTimestampedLines() {
        CliHarness.Result result = cli().run("run", "examples/wordcount", "examples/wordcount/items/haiku.txt",
                "--workdir", work.toString());

        String first = result.out().lines().findFirst().orElseThrow();
        assertTrue(first.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d wordcount: 1 item, \\d+ in parallel"), first);
        assertTrue(result.out().lines().anyMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d 100% 1/1 \\| "
                + "1 done, 0 failed \\| .* items/s")), result.out());
        assertFalse(result.out().contains("\r"), "no redraws");
        assertFalse(result.out().contains("\u001b["), "no escape codes");
    }

    @Test
    void onATerminalTheProgressBarsRedrawInPlace() {
        CliHarness.Result result = cli().interactive().run("run", "examples/wordcount",
                "examples/wordcount/items/*.txt", "--workdir", work.toString());

        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().contains("\u001b["), "cursor movement to redraw the bars");
        assertTrue(result.out().contains("\r"));
        assertTrue(result.out().contains("100%"), result.out());
        assertTrue(result.out().contains("7/7 items"), result.out());
        assertTrue(result.out().contains("done 7, failed 0"), result.out());
        for (String step : new String[] {"extract", "normalise", "count", "validate", "report"}) {
            assertTrue(result.out().contains("  " + step + " "), "a line for step " + step);
        }
        assertTrue(result.out().contains("wordcount: 7 items in "), "the summary follows the bars");
    }

    @Test
    void jsonPrintsTheSummaryAloneOnStdout() throws Exception {
        CliHarness.Result result = cli().run("run", "examples/wordcount", "examples/wordcount/items/*.txt",
                "--workdir", work.toString(), "--json");

        JsonNode summary = new ObjectMapper().readTree(result.out());
        assertEquals("wordcount", summary.get("pipeline").asText());
        assertEquals(7, summary.get("completed").asInt());
        assertEquals(0, summary.get("exit_code").asInt());
        assertEquals(5, summary.get("steps").size());
        assertTrue(summary.get("steps").get(0).get("p95_ms").isNumber());
        assertEquals("examples/wordcount/items/haiku.txt", summary.get("warnings").get(0).get("item").asText());
        assertEquals(7, summary.get("jobs").size());
        assertTrue(result.err().contains("wordcount: 7 items"), "progress lines go to stderr: " + result.err());
    }

    private static Path onlyFolder(Path parent, String prefix) {
        try (var list = java.nio.file.Files.list(parent)) {
            return list.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
