package dev.conveyor.demo;

import dev.conveyor.model.JobId;
import dev.conveyor.model.Payload;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.Step;
import dev.conveyor.pipeline.StepException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each working step of the demo on its own, at time scale 0 so nothing really sleeps. */
class DemoStepsTest {

    private final PipelineDefinition demo = DemoPipeline.definition();

    @Test
    void extractReportsEveryFileDoneAndStoresItsPages() throws Exception {
        FakeStepContext ctx = FakeStepContext.of("extract", Payload.of("files", 3, "time_scale", 0));

        action("extract").run(ctx);

        assertEquals(4, ctx.progress.size());
        assertArrayEquals(new long[] {0, 3}, ctx.progress.getFirst());
        assertArrayEquals(new long[] {3, 3}, ctx.progress.getLast());
        assertEquals(12L, ctx.output.get("pages"));
    }

    @Test
    void aListOfFileNamesCountsAsThatManyFiles() throws Exception {
        FakeStepContext ctx = FakeStepContext.of("extract", Payload.of("files", List.of("a.pdf", "b.pdf"),
                "time_scale", 0));

        action("extract").run(ctx);

        assertArrayEquals(new long[] {2, 2}, ctx.progress.getLast());
    }

    @Test
    void classifyCostsPerFileAndAsksReviewOfTheInputsItems() throws Exception {
        Payload input = Payload.of("files", 2, "time_scale", 0).with("review_items",
                List.of(Map.of("id", "a", "confidence", 0.5), Map.of("id", "b", "confidence", 0.9, "label", "Total?")));
        FakeStepContext ctx = FakeStepContext.of("classify", input);

        action("classify").run(ctx);

        assertEquals(2 * DemoSteps.CLASSIFY_COST_PER_FILE_USD, ctx.cost, 1e-12);
        assertEquals(List.of("a", "b"), ctx.reviewRequests.stream().map(r -> r.id()).toList());
        assertEquals(0.5, ctx.reviewRequests.getFirst().confidence());
        assertEquals("Total?", ctx.reviewRequests.get(1).label());
        assertEquals(40L, ctx.output.get("items_classified"));
    }

    @Test
    void aPermanentPlanFailsTheFirstTimesAttemptsOfItsStepThenLetsItThrough() throws Exception {
        JobId job = JobId.random();
        Payload input = Payload.of("files", 2, "time_scale", 0).with("fail",
                Map.of("step", "classify", "kind", "permanent", "times", 2));
        Step classify = action("classify");

        for (int run = 1; run <= 2; run++) {
            FakeStepContext ctx = new FakeStepContext(job, "classify", input, 1);
            StepException failure = assertThrows(StepException.class, () -> classify.run(ctx));
            assertEquals(StepException.Category.PERMANENT, failure.category());
            assertEquals("simulated_failure", failure.userError().code());
            assertTrue(failure.userError().message().contains("Retry the job"), failure.userError().message());
            assertArrayEquals(new long[] {1, 2}, ctx.progress.getLast(), "fails half-way through its files");
        }
        FakeStepContext third = new FakeStepContext(job, "classify", input, 1);
        classify.run(third);
        assertArrayEquals(new long[] {2, 2}, third.progress.getLast());
    }

    @Test
    void aTransientPlanFailsWithARetryableErrorAndOtherJobsAreNotAffected() throws Exception {
        Payload input = Payload.of("time_scale", 0, "fail", Map.of("step", "validate", "kind", "transient"));
        Step validate = action("validate");
        FakeStepContext first = FakeStepContext.of("validate", input);

        StepException failure = assertThrows(StepException.class, () -> validate.run(first));

        assertEquals(StepException.Category.TRANSIENT, failure.category());
        validate.run(new FakeStepContext(first.jobId, "validate", input, 2));
        FakeStepContext otherJob = FakeStepContext.of("validate", input);
        assertThrows(StepException.class, () -> validate.run(otherJob));
    }

    @Test
    void aPlanForAnotherStepLeavesThisOneAlone() throws Exception {
        Payload input = Payload.of("time_scale", 0, "fail", Map.of("step", "generate", "times", 5));
        FakeStepContext ctx = FakeStepContext.of("extract", input);

        action("extract").run(ctx);

        assertEquals(4L, ctx.output.get("pages"));
    }

    @Test
    void aCancelledStepStopsAtItsNextCheckpointEvenInRealTime() {
        FakeStepContext ctx = FakeStepContext.of("extract", Payload.of("files", 100, "time_scale", 1));
        ctx.cancelled = true;

        assertThrows(CancellationException.class, () -> action("extract").run(ctx));
    }

    @Test
    void generateNamesTheDocumentItMade() throws Exception {
        FakeStepContext ctx = FakeStepContext.of("generate", Payload.of("time_scale", 0));

        action("generate").run(ctx);

        assertEquals("demo-report-" + ctx.jobId + ".pdf", ctx.output.get("document"));
    }

    private Step action(String step) {
        return demo.step(step).orElseThrow().action();
    }
}
