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

/** How transient failures, permanent failures and partial results of command steps end up in a run. */
class RunFailuresTest {

    @TempDir
    Path dir;

    private CliHarness.Result run(String pipeline, String... extra) {
        Files2.write(dir.resolve("p.yaml"), pipeline);
        Files2.write(dir.resolve("items/a.txt"), "alpha\n");
        Files2.write(dir.resolve("items/b.txt"), "beta BAD\n");
        Files2.write(dir.resolve("items/c.txt"), "gamma\n");
        String[] args = new String[extra.length + 5];
        System.arraycopy(new String[] {"run", "p.yaml", "items/*.txt", "--workdir", "work"}, 0, args, 0, 5);
        System.arraycopy(extra, 0, args, 5, extra.length);
        return new CliHarness(dir).run(args);
    }

    @Test
    void aTemporaryFailureIsRetriedWithBackOffAndTheItemCompletes() {
        CliHarness.Result result = run("""
                name: flaky
                steps:
                  - name: fetch
                    command: |
                      echo try >> {workdir}/attempts
                      if [ ! -e {workdir}/tried ]; then touch {workdir}/tried; exit 75; fi
                    retries: 2
                    backoff: 10ms
                """);

        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().contains("3 completed, 0 failed"), result.out());
        try (var folders = java.nio.file.Files.list(dir.resolve("work/flaky"))) {
            folders.forEach(folder -> assertEquals(2, Files2.lines(folder.resolve("attempts")).size(),
                    "two attempts in " + folder));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aTemporaryFailureThatOutlastsItsRetriesFailsTheItem() {
        CliHarness.Result result = run("""
                name: flaky
                steps:
                  - name: fetch
                    command: exit 75
                    retries: 1
                    backoff: 10ms
                """);

        assertEquals(1, result.exit(), result.toString());
        assertTrue(result.out().contains("temporarily_unavailable (3 items): The fetch step reported a temporary "
                + "failure (exit 75)."), result.out());
    }

    @Test
    void aPermanentFailureStopsTheItemAndIsGroupedByItsCodeWithTheItemsAffected() {
        CliHarness.Result result = run("""
                name: strict
                steps:
                  - name: check
                    command: |
                      case "$(cat {item})" in *BAD*) echo "bad marker in {item}" >&2; exit 3;; esac
                  - name: publish
                    command: echo published
                """);

        assertEquals(1, result.exit(), result.toString());
        assertTrue(result.out().contains("2 completed, 1 failed"), result.out());
        assertTrue(result.out().contains("Failures by error code:\n  exit_3 (1 item): The check step failed: its command "
                + "exited with status 3.\n    items/b.txt  (job "), result.out());
        assertTrue(result.out().matches("(?s).*\\n  check +3 +1 .*\\n  publish +2 +0 .*"), result.out());
        assertFalse(result.out().contains("bad marker"), "stderr is detail, not the user-facing message");
        assertTrue(result.out().lines().anyMatch(l -> l.endsWith("failed items/b.txt [exit_3] The check step failed: "
                + "its command exited with status 3.")), "a plain line when the item fails: " + result.out());
    }

    @Test
    void verboseShowsTheTailOfStderrUnderTheFailedItem() {
        CliHarness.Result result = run("""
                name: strict
                steps:
                  - name: check
                    command: |
                      case "$(cat {item})" in *BAD*) echo "bad marker in the file" >&2; exit 3;; esac
                """, "--verbose");

        assertEquals(1, result.exit(), result.toString());
        assertTrue(result.out().contains("        bad marker in the file"), result.out());
    }

    @Test
    void partialResultsAreWarningsAndTheItemStillCompletes() throws Exception {
        CliHarness.Result result = run("""
                name: partial
                steps:
                  - name: parse
                    command: echo "warn 2 rows skipped"; echo "cost 0.5"
                  - name: store
                    command: "true"
                """, "--json");

        assertEquals(0, result.exit(), result.toString());
        JsonNode summary = new ObjectMapper().readTree(result.out());
        assertEquals(3, summary.get("completed").asInt());
        assertEquals(3, summary.get("warnings").size());
        assertEquals("parse", summary.get("warnings").get(0).get("step").asText());
        assertEquals("2 rows skipped", summary.get("warnings").get(0).get("message").asText());
        assertEquals(1.5, summary.get("cost_usd").asDouble(), 1e-9);
    }

    @Test
    void aStepThatOutlivesItsTimeoutIsKilledWithItsChildren() throws java.io.IOException {
        CliHarness.Result result = run("""
                name: slow
                steps:
                  - name: wait
                    command: sleep 30 & echo $! > {workdir}/child.pid; wait
                    timeout: 300ms
                    retries: 0
                """, "--parallel", "3");

        assertEquals(1, result.exit(), result.toString());
        assertTrue(result.out().contains("step_timeout (3 items): The wait step took too long (over 300 ms)"),
                result.out());
        try (var folders = java.nio.file.Files.list(dir.resolve("work/slow"))) {
            for (Path folder : folders.toList()) {
                long pid = Long.parseLong(Files2.lines(folder.resolve("child.pid")).getFirst().strip());
                assertFalse(ProcessHandle.of(pid).map(dev.conveyor.adapter.cli.process.ProcessTree::isRunning).orElse(false), "child " + pid);
            }
        }
    }
}
