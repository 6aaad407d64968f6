package dev.conveyor.adapter.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conveyor.adapter.cli.support.CliHarness;
import dev.conveyor.adapter.cli.support.Files2;
import dev.conveyor.adapter.cli.support.SharedStore;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** jobs, status, retry and cancel on a shared store, after a run that left one item failed. */
class JobCommandsTest {

    private static final String DB = SharedStore.URL;

    @TempDir
    Path dir;

    private CliHarness cli;
    private Job failed;
    private Job completed;

    @BeforeEach
    void aRunWithOneFailedItem() {
        Files2.write(dir.resolve("p.yaml"), """
                name: docs
                steps:
                  - name: read
                    command: cat {item}
                  - name: check
                    command: |
                      if [ -e {pipeline_dir}/broken ] && [ "$(basename {item})" = bad.txt ]; then
                        echo "error unreadable The file could not be read."; exit 3
                      fi
                """);
        Files2.write(dir.resolve("good.txt"), "good");
        Files2.write(dir.resolve("bad.txt"), "bad");
        Files2.write(dir.resolve("broken"), "");
        cli = new CliHarness(dir);
        assertEquals(1, cli.run("run", "p.yaml", "good.txt", "bad.txt", "--db", DB).exit());
        failed = only(JobStatus.FAILED);
        completed = only(JobStatus.COMPLETED);
    }

    private Job only(JobStatus status) {
        return cli.shared.all(TenantId.of("cli")).stream().filter(j -> j.status() == status).findFirst().orElseThrow();
    }

    @Test
    void jobsListsTheTenantsJobsAndFiltersByStatus() throws Exception {
        CliHarness.Result all = cli.run("jobs", "--db", DB, "--pipeline", "p.yaml");
        CliHarness.Result onlyFailed = cli.run("jobs", "--db", DB, "--pipeline", "p.yaml", "--status", "failed", "--json");
        CliHarness.Result otherTenant = cli.run("jobs", "--db", DB, "--pipeline", "p.yaml", "--tenant", "someone-else");

        assertEquals(0, all.exit(), all.toString());
        assertTrue(all.out().startsWith("JOB"), all.out());
        assertTrue(all.out().contains(failed.id() + "  docs              failed           check"), all.out());
        assertTrue(all.out().contains(completed.id() + "  docs              completed"), all.out());
        JsonNode json = new ObjectMapper().readTree(onlyFailed.out());
        assertEquals(1, json.size());
        assertEquals(failed.id().toString(), json.get(0).get("job_id").asText());
        assertEquals("unreadable", json.get(0).get("error").get("code").asText());
        assertEquals("No jobs.\n", otherTenant.out());
    }

    @Test
    void statusShowsEachStepAndTheUserFacingError() throws Exception {
        CliHarness.Result text = cli.run("status", failed.id().toString(), "--db", DB, "--pipeline", "p.yaml");
        CliHarness.Result json = cli.run("status", failed.id().toString(), "--db", DB, "--pipeline", "p.yaml", "--json");

        assertEquals(0, text.exit(), text.toString());
        assertTrue(text.out().startsWith("job " + failed.id() + "  docs  bad.txt\nfailed "), text.out());
        assertTrue(text.out().contains("% | step check\n"), text.out());
        assertTrue(text.out().contains("  ✓ read   completed"), text.out());
        assertTrue(text.out().contains("  ✗ check  failed"), text.out());
        assertTrue(text.out().contains("error: [unreadable] The file could not be read."), text.out());
        JsonNode view = new ObjectMapper().readTree(json.out());
        assertEquals(failed.progress(), view.get("pipeline_progress").asInt());
        assertEquals("failed", view.get("steps").get(1).get("status").asText());
    }

    @Test
    void statusWatchFollowsAJobToItsEnd() {
        CliHarness.Result result = cli.run("status", completed.id().toString(), "--watch", "--interval", "50ms",
                "--db", DB, "--pipeline", "p.yaml");

        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().lines().findFirst().orElseThrow().matches("\\d{4}-\\d\\d-\\d\\d [\\d:]{8} completed 100%"),
                result.out());
    }

    @Test
    void statusWatchOnATerminalDrawsAProgressBar() {
        CliHarness.Result result = cli.interactive().run("status", completed.id().toString(), "--watch",
                "--db", DB, "--pipeline", "p.yaml");

        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().contains("completed 100%"), result.out());
        assertTrue(result.out().contains("\r"), "drawn in place");
        assertTrue(result.out().contains("job " + completed.id()), "then the full view");
    }

    @Test
    void statusOfAJobThatDoesNotExistIsAnError() {
        CliHarness.Result unknown = cli.run("status", "8c2d8a8e-6c4b-4a43-9d55-1b9d2b8c1d2f", "--db", DB,
                "--pipeline", "p.yaml");
        CliHarness.Result notAnId = cli.run("status", "42", "--db", DB, "--pipeline", "p.yaml");

        assertEquals(2, unknown.exit());
        assertEquals("conveyor: job 8c2d8a8e-6c4b-4a43-9d55-1b9d2b8c1d2f not found for tenant 'cli'\n", unknown.err());
        assertEquals("conveyor: '42' is not a job id (a UUID, as 'conveyor jobs' shows them)\n", notAnId.err());
    }

    @Test
    void retryResumesTheFailedJobAtItsFailedStepAndFollowsItHere() throws Exception {
        Files.delete(dir.resolve("broken"));

        CliHarness.Result result = cli.run("retry", failed.id().toString(), "--db", DB, "--pipeline", "p.yaml");

        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().contains("docs: 1 item in "), result.out());
        assertTrue(result.out().matches("(?s).*\\n  read +0 +0 .*\\n  check +1 +0 .*"), "read is not run again: "
                + result.out());
        assertEquals(JobStatus.COMPLETED, cli.shared.jobs.find(TenantId.of("cli"), failed.id()).orElseThrow().status());
    }

    @Test
    void retryFailedQueuesEveryFailedJobForWorkers() {
        CliHarness.Result result = cli.run("retry", "--failed", "--queue-only", "--db", DB, "--pipeline", "p.yaml");

        assertEquals(0, result.exit(), result.toString());
        assertEquals("queued 1 job for retry\n", result.out());
        assertEquals(JobStatus.QUEUED, cli.shared.jobs.find(TenantId.of("cli"), failed.id()).orElseThrow().status());
    }

    @Test
    void retryOfAJobThatDidNotFailIsRefused() {
        CliHarness.Result result = cli.run("retry", completed.id().toString(), "--db", DB, "--pipeline", "p.yaml");

        assertEquals(2, result.exit(), result.toString());
        assertTrue(result.err().startsWith("conveyor: cannot retry job " + completed.id() + ": "), result.err());
    }

    @Test
    void retryNeedsToKnowTheJobsPipeline() {
        CliHarness.Result result = cli.builtIns(NoopPipeline.threeSteps("noop"))
                .run("retry", failed.id().toString(), "--db", DB);

        assertEquals(2, result.exit(), result.toString());
        assertTrue(result.err().contains("(name its file with --pipeline FILE or its jar with --plugin JAR)"),
                result.err());
    }

    @Test
    void cancelStopsAJobThatNoWorkerRuns() {
        CliHarness.Result result = cli.run("cancel", failed.id().toString(), "--db", DB, "--pipeline", "p.yaml");
        CliHarness.Result again = cli.run("cancel", failed.id().toString(), "--db", DB, "--pipeline", "p.yaml");

        assertEquals(0, result.exit(), result.toString());
        assertEquals("cancelled " + failed.id() + "\n", result.out());
        assertEquals(JobStatus.CANCELLED, cli.shared.jobs.find(TenantId.of("cli"), failed.id()).orElseThrow().status());
        assertEquals(2, again.exit());
        assertTrue(again.err().startsWith("conveyor: cannot cancel job " + failed.id() + ": "), again.err());
    }
}
