package dev.conveyor.adapter.cli.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conveyor.adapter.cli.support.Files2;
import dev.conveyor.adapter.cli.support.JarProcess;
import dev.conveyor.adapter.cli.support.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded jar on a real PostgreSQL: a run killed mid-batch (SIGKILL, no chance to clean up) is run again
 * with the same --db, and every item ends completed by exactly one job, without redoing finished steps.
 */
class PostgresResumeProcessTest {

    private static final int ITEMS = 12;
    private static final int PARALLEL = 2;

    private static PostgresTestDatabase database;

    @TempDir
    Path dir;

    @BeforeAll
    static void freshSchema() {
        database = PostgresTestDatabase.freshSchema(PostgresResumeProcessTest.class);
    }

    @AfterAll
    static void dropSchema() {
        database.drop();
    }

    @Test
    void aBatchKilledMidwayIsResumedByRunningItAgainAndEveryItemCompletesOnce() throws Exception {
        Files2.write(dir.resolve("p.yaml"), """
                name: pg-slow
                steps:
                  - name: work
                    command: |
                      echo {item} >> {pipeline_dir}/started.log
                      sleep 0.5
                      echo {item} >> {pipeline_dir}/worked.log
                  - name: finish
                    command: echo {item} >> {pipeline_dir}/finished.log
                """);
        for (int i = 0; i < ITEMS; i++) {
            Files2.write(dir.resolve("items/" + i + ".txt"), "x");
        }
        Map<String, String> env = new HashMap<>(database.env());
        env.put("CONVEYOR_DB_URL", PostgresTestDatabase.URL);
        String[] run = {"run", "p.yaml", "items/*.txt", "--parallel", Integer.toString(PARALLEL), "--lease", "2s"};

        JarProcess first = JarProcess.start(dir, dir.resolve("logs"), env, run);
        awaitLines(dir.resolve("worked.log"), 3);
        first.signal("KILL");
        first.await(30);
        int workedBeforeKill = Files2.lines(dir.resolve("worked.log")).size();
        JarProcess.Result second = JarProcess.start(dir, dir.resolve("logs"), env, run).await(120);

        assertEquals(0, second.exit(), second.toString());
        assertTrue(second.out().contains("already completed") || workedBeforeKill < 2, second.out());
        assertTrue(second.out().contains("resumed"), "the killed run's jobs were resumed: " + second.out());
        JarProcess.Result listed = JarProcess.start(dir, dir.resolve("logs"), env, "jobs", "--json", "--limit", "100",
                "--pipeline", "p.yaml").await(60);
        JsonNode jobs = new ObjectMapper().readTree(listed.out());
        assertEquals(ITEMS, jobs.size(), "one job per item: " + listed.out());
        Set<String> items = new HashSet<>();
        for (JsonNode job : jobs) {
            assertEquals("completed", job.get("status").asText(), job.toString());
            assertTrue(items.add(job.get("item").asText()), "one job per item");
        }
        List<String> worked = Files2.lines(dir.resolve("worked.log"));
        assertEquals(ITEMS, new HashSet<>(worked).size());
        assertTrue(worked.size() <= ITEMS + PARALLEL, "only the steps cut short by the kill ran twice: " + worked);
        assertEquals(ITEMS, new HashSet<>(Files2.lines(dir.resolve("finished.log"))).size());
    }

    @Test
    void anUnreachableDatabaseIsOneLineAndExit2() throws Exception {
        Files2.write(dir.resolve("a.txt"), "a");
        Files2.write(dir.resolve("p.yaml"), "name: p\nsteps: [{name: a, command: \"true\"}]\n");

        JarProcess.Result result = JarProcess.run(dir, dir.resolve("logs"), "run", "p.yaml", "a.txt", "--db",
                "jdbc:postgresql://127.0.0.1:1/nothing");

        assertEquals(2, result.exit(), result.toString());
        assertEquals(1, result.err().lines().count(), result.err());
        assertTrue(result.err().startsWith("conveyor: PostgreSQL at jdbc:postgresql://127.0.0.1:1/nothing cannot be "
                + "reached: "), result.err());
    }

    private static void awaitLines(Path file, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Files2.lines(file).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " never reached " + count + " lines");
            }
            Thread.sleep(20);
        }
    }
}
