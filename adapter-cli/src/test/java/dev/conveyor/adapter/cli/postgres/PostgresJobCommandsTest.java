package dev.conveyor.adapter.cli.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conveyor.adapter.cli.ConveyorMain;
import dev.conveyor.adapter.cli.support.CliHarness;
import dev.conveyor.adapter.cli.support.Files2;
import dev.conveyor.adapter.cli.support.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commands on a real PostgreSQL: a run leaves a failed job, jobs lists it, retry --failed finishes it. */
class PostgresJobCommandsTest {

    private static PostgresTestDatabase database;

    @TempDir
    Path dir;

    @BeforeAll
    static void freshSchema() {
        database = PostgresTestDatabase.freshSchema(PostgresJobCommandsTest.class);
    }

    @AfterAll
    static void dropSchema() {
        database.drop();
    }

    @Test
    void aFailedItemIsListedRetriedAndCompletedAcrossCommands() throws Exception {
        Files2.write(dir.resolve("p.yaml"), """
                name: pg-docs
                steps:
                  - name: read
                    command: cat {item}
                  - name: check
                    command: |
                      if [ -e {pipeline_dir}/broken ] && [ "$(basename {item})" = bad.txt ]; then exit 3; fi
                """);
        Files2.write(dir.resolve("good.txt"), "good");
        Files2.write(dir.resolve("bad.txt"), "bad");
        Files2.write(dir.resolve("broken"), "");
        CliHarness cli = new CliHarness(dir).databases(url -> ConveyorMain.postgres(url, database.env()));
        String db = PostgresTestDatabase.URL;

        CliHarness.Result run = cli.run("run", "p.yaml", "good.txt", "bad.txt", "--db", db);
        CliHarness.Result failed = cli.run("jobs", "--status", "failed", "--json", "--db", db, "--pipeline", "p.yaml");
        Files.delete(dir.resolve("broken"));
        CliHarness.Result retried = cli.run("retry", "--failed", "--db", db, "--pipeline", "p.yaml");
        CliHarness.Result all = cli.run("jobs", "--json", "--db", db, "--pipeline", "p.yaml");

        assertEquals(1, run.exit(), run.toString());
        JsonNode failedJobs = new ObjectMapper().readTree(failed.out());
        assertEquals(1, failedJobs.size(), failed.toString());
        assertEquals("exit_3", failedJobs.get(0).get("error").get("code").asText());
        assertEquals(0, retried.exit(), retried.toString());
        assertTrue(retried.out().matches("(?s).*\\n  read +0 +0 .*\\n  check +1 +0 .*"), retried.out());
        JsonNode jobs = new ObjectMapper().readTree(all.out());
        assertEquals(2, jobs.size());
        jobs.forEach(job -> assertEquals("completed", job.get("status").asText()));
    }
}
