package dev.conveyor.adapter.cli.command;

import dev.conveyor.adapter.cli.support.CliHarness;
import dev.conveyor.adapter.cli.support.Files2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad input ends with one clear line on stderr and exit 2; a stack trace only with --verbose. */
class BadInputTest {

    @TempDir
    Path dir;

    private CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(dir);
        Files2.write(dir.resolve("ok.yaml"), """
                name: ok
                steps:
                  - name: say
                    command: echo {item}
                """);
        Files2.write(dir.resolve("a.txt"), "a");
    }

    private static void assertOneLineError(CliHarness.Result result, String expected) {
        assertEquals(2, result.exit(), result.toString());
        assertEquals("conveyor: " + expected + "\n", result.err());
        assertEquals("", result.out());
    }

    @Test
    void aMissingPipelineFile() {
        assertOneLineError(cli.run("run", "missing.yaml", "a.txt"), "pipeline file not found: missing.yaml");
    }

    @Test
    void aMalformedPipelineFileNamesTheLineAndField() {
        Files2.write(dir.resolve("bad.yaml"), """
                name: bad
                steps:
                  - name: say
                    command: echo {item}
                    weight: lots
                """);

        assertOneLineError(cli.run("run", "bad.yaml", "a.txt"), "bad.yaml:5: steps[0].weight: must be a whole number, "
                + "not 'lots'");
    }

    @Test
    void aPipelineFileThatIsNotYamlAtAll() {
        Files2.write(dir.resolve("broken.yaml"), "name: [unclosed\n");

        CliHarness.Result result = cli.run("run", "broken.yaml", "a.txt");

        assertEquals(2, result.exit());
        assertTrue(result.err().matches("conveyor: broken\\.yaml:\\d+: malformed YAML: [^\\n]+\\n"), result.err());
    }

    @Test
    void anUnknownPlaceholder() {
        Files2.write(dir.resolve("typo.yaml"), """
                name: typo
                steps:
                  - name: say
                    command: echo {iten}
                """);

        CliHarness.Result result = cli.run("run", "typo.yaml", "a.txt");

        assertEquals(2, result.exit());
        assertTrue(result.err().startsWith("conveyor: typo.yaml:4: steps[0].command: unknown placeholder {iten}"),
                result.err());
        assertEquals(1, result.err().lines().count());
    }

    @Test
    void anItemThatDoesNotExist() {
        assertOneLineError(cli.run("run", "ok.yaml", "a.txt", "nope.txt"), "item not found: nope.txt");
    }

    @Test
    void aGlobThatMatchesNothing() {
        assertOneLineError(cli.run("run", "ok.yaml", "*.csv"), "no file matches '*.csv'");
    }

    @Test
    void noItemsAtAll() {
        assertOneLineError(cli.run("run", "ok.yaml"), "no items to run: name files or globs, '-' for lines from stdin, "
                + "or --items-from FILE");
    }

    @Test
    void anUnknownPipelineName() {
        assertOneLineError(cli.run("run", "nonesuch", "a.txt"), "unknown pipeline 'nonesuch'; known: none (or give a "
                + "pipeline file: *.yaml, *.yml, *.json)");
    }

    @Test
    void aDatabaseUrlThatIsNotPostgres() {
        assertOneLineError(cli.run("run", "ok.yaml", "a.txt", "--db", "mysql://x"), "--db must be a PostgreSQL JDBC "
                + "URL such as jdbc:postgresql://localhost:5432/conveyor, got 'mysql://x'");
    }

    @Test
    void theDatabaseUrlComesFromTheEnvironmentToo() {
        assertOneLineError(cli.env("CONVEYOR_DB_URL", "sqlite:x").run("run", "ok.yaml", "a.txt"), "--db must be a "
                + "PostgreSQL JDBC URL such as jdbc:postgresql://localhost:5432/conveyor, got 'sqlite:x'");
    }

    @Test
    void aStartFromStepThePipelineDoesNotHave() {
        assertOneLineError(cli.run("run", "ok.yaml", "a.txt", "--start-from", "later"), "--start-from names no step of "
                + "pipeline 'ok'; its steps are: say");
    }

    @Test
    void commandsOnJobsNeedASharedStore() {
        assertOneLineError(cli.run("jobs", "--pipeline", "ok.yaml"), "'conveyor jobs' works on a shared store: pass "
                + "--db jdbc:postgresql://… or set CONVEYOR_DB_URL");
    }

    @Test
    void anUnknownOptionSuggestsHelp() {
        CliHarness.Result result = cli.run("run", "ok.yaml", "a.txt", "--paralel", "2");

        assertEquals(2, result.exit());
        assertTrue(result.err().startsWith("conveyor: Unknown option: '--paralel'"), result.err());
        assertTrue(result.err().contains("Try 'conveyor run --help' for more information."), result.err());
        assertFalse(result.err().contains("Usage:"), "no wall of usage text");
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliHarness.Result result = cli.run("run", "missing.yaml", "a.txt", "--verbose");

        assertEquals(2, result.exit());
        assertTrue(result.err().startsWith("conveyor: pipeline file not found: missing.yaml\n"), result.err());
        assertTrue(result.err().contains("\tat dev.conveyor.adapter.cli."), result.err());
    }

    @Test
    void aBadDurationOption() {
        CliHarness.Result result = cli.run("run", "ok.yaml", "a.txt", "--lease", "forever");

        assertEquals(2, result.exit());
        assertTrue(result.err().contains("'forever' is not a duration; write e.g. 500ms, 30s, 1.5m, 2h, 7d or PT30S"),
                result.err());
    }

    @Test
    void aBadEngineSettingInTheEnvironmentIsNamed() {
        assertOneLineError(cli.env("CONVEYOR_LEASE", "soon").run("run", "ok.yaml", "a.txt"),
                "CONVEYOR_LEASE: 'soon' is not a duration; write e.g. 500ms, 30s, 1.5m, 2h, 7d or PT30S");
        assertOneLineError(new CliHarness(dir).env("CONVEYOR_TTL", "0s").run("run", "ok.yaml", "a.txt"),
                "CONVEYOR_TTL: must be more than 0, got '0s'");
        assertOneLineError(new CliHarness(dir).env("CONVEYOR_MAX_WORKER_LOSSES", "many").run("run", "ok.yaml",
                "a.txt"), "CONVEYOR_MAX_WORKER_LOSSES: must be a whole number, got 'many'");
    }

    @Test
    void aBadTtlOption() {
        CliHarness.Result result = cli.run("run", "ok.yaml", "a.txt", "--ttl", "a while");

        assertEquals(2, result.exit());
        assertTrue(result.err().contains("'a while' is not a duration"), result.err());
    }
}
