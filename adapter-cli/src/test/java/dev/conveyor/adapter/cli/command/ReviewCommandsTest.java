package dev.conveyor.adapter.cli.command;

import dev.conveyor.adapter.cli.support.CliHarness;
import dev.conveyor.adapter.cli.support.Files2;
import dev.conveyor.adapter.cli.support.SharedStore;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.ReviewDecision;
import dev.conveyor.model.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A command step asks for a review, the job pauses at the review step, and resume continues it. */
class ReviewCommandsTest {

    private static final String DB = SharedStore.URL;

    @TempDir
    Path dir;

    private CliHarness cli;
    private Job paused;

    @BeforeEach
    void aJobPausedForReview() {
        Files2.write(dir.resolve("p.yaml"), """
                name: invoices
                steps:
                  - name: extract
                    command: echo "review total-1 0.4 Is the total 12.50?"
                  - name: approve
                    review: true
                  - name: book
                    command: echo booked >> {pipeline_dir}/booked.log
                """);
        Files2.write(dir.resolve("inv.txt"), "x");
        cli = new CliHarness(dir);
        CliHarness.Result run = cli.run("run", "p.yaml", "inv.txt", "--db", DB);
        assertEquals(1, run.exit(), run.toString());
        assertTrue(run.out().contains("0 completed, 0 failed, 1 awaiting review"), run.out());
        paused = cli.shared.all(TenantId.of("cli")).getFirst();
        assertEquals(JobStatus.AWAITING_REVIEW, paused.status());
    }

    @Test
    void resumeWithoutDecisionsListsTheOpenItems() {
        CliHarness.Result result = cli.run("resume", paused.id().toString(), "--db", DB, "--pipeline", "p.yaml");

        assertEquals(2, result.exit());
        assertEquals("conveyor: say how to decide: --approve-all, or --decisions FILE; open items: total-1 (Is the "
                + "total 12.50?)\n", result.err());
    }

    @Test
    void approveAllContinuesTheJobToTheEnd() {
        CliHarness.Result result = cli.run("resume", paused.id().toString(), "--approve-all", "--db", DB,
                "--pipeline", "p.yaml");

        assertEquals(0, result.exit(), result.toString());
        Job done = cli.shared.jobs.find(TenantId.of("cli"), paused.id()).orElseThrow();
        assertEquals(JobStatus.COMPLETED, done.status());
        assertEquals(List.of(ReviewDecision.approve("total-1")), done.reviewDecisions());
        assertEquals(1, Files2.lines(dir.resolve("booked.log")).size());
    }

    @Test
    void aDecisionsFileSaysPerItem() {
        Files2.write(dir.resolve("decisions.yaml"), """
                - item: total-1
                  approved: false
                  comment: the total is 15.20
                """);

        CliHarness.Result result = cli.run("resume", paused.id().toString(), "--decisions", "decisions.yaml",
                "--db", DB, "--pipeline", "p.yaml");

        assertEquals(0, result.exit(), result.toString());
        Job done = cli.shared.jobs.find(TenantId.of("cli"), paused.id()).orElseThrow();
        assertEquals(List.of(ReviewDecision.reject("total-1", "the total is 15.20")), done.reviewDecisions());
    }

    @Test
    void aDecisionsFileThatDecidesTheWrongItemsIsRefused() {
        Files2.write(dir.resolve("decisions.yaml"), "other-item: approve\n");

        CliHarness.Result result = cli.run("resume", paused.id().toString(), "--decisions", "decisions.yaml",
                "--db", DB, "--pipeline", "p.yaml");

        assertEquals(2, result.exit(), result.toString());
        assertTrue(result.err().startsWith("conveyor: cannot resume job " + paused.id() + ": "), result.err());
    }

    @Test
    void aMalformedDecisionsFileNamesTheLine() {
        Files2.write(dir.resolve("decisions.yaml"), "total-1: maybe\n");

        CliHarness.Result result = cli.run("resume", paused.id().toString(), "--decisions", "decisions.yaml",
                "--db", DB, "--pipeline", "p.yaml");

        assertEquals(2, result.exit());
        assertEquals("conveyor: decisions.yaml:1: total-1: must be approve or reject, not 'maybe'\n", result.err());
    }

    @Test
    void skipReviewPassesTheReviewStep() {
        Files2.write(dir.resolve("other.txt"), "y");

        CliHarness.Result result = cli.run("run", "p.yaml", "other.txt", "--skip-review");

        assertEquals(0, result.exit(), result.toString());
    }
}
