package dev.conveyor.demo;

import dev.conveyor.core.Conveyor;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.ReviewDecision;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.PipelineProvider;
import dev.conveyor.port.in.SubmitJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo pipeline run by the real engine, on the calling thread, at time scale 0. */
class DemoPipelineInEngineTest {

    private static final TenantId ACME = TenantId.of("acme");

    private final Conveyor conveyor = Conveyor.builder().pipeline(DemoPipeline.definition()).workers(0)
            .sleeper(duration -> { }).hookExecutor(Runnable::run).scheduleMaintenance(false).start();

    @AfterEach
    void close() {
        conveyor.close();
    }

    @Test
    void serviceLoaderFindsTheDemoPipelineWithTheSeedsStepsAndWeights() {
        List<PipelineDefinition> found = ServiceLoader.load(PipelineProvider.class).stream()
                .flatMap(provider -> provider.get().pipelines().stream()).toList();

        PipelineDefinition demo = found.stream().filter(p -> p.name().equals("demo")).findFirst().orElseThrow();
        assertEquals(List.of("extract", "classify", "review", "validate", "generate"), demo.stepNames());
        assertEquals(List.of(25, 25, 10, 20, 20), demo.steps().stream().map(s -> s.weight()).toList());
        assertTrue(demo.step("review").orElseThrow().isReviewGate());
        assertEquals(15.0, demo.step("extract").orElseThrow().estimate().unitsFor(Payload.of("files", 3))
                * demo.step("extract").orElseThrow().estimate().secondsPerUnit(), 1e-9);
    }

    @Test
    void aPlainJobCompletesEveryStepWithItsCost() {
        Job job = submit(Payload.of("files", 3, "time_scale", 0));

        conveyor.drain();

        Job done = job(job);
        assertEquals(JobStatus.COMPLETED, done.status());
        assertEquals(100, done.progress());
        assertEquals(3 * DemoSteps.CLASSIFY_COST_PER_FILE_USD, done.costUsd(), 1e-12);
    }

    @Test
    void aTransientFailureOnceIsRetriedWithinTheRun() {
        Job job = submit(Payload.of("time_scale", 0, "fail", Map.of("step", "extract", "kind", "transient")));

        conveyor.drain();

        Job done = job(job);
        assertEquals(JobStatus.COMPLETED, done.status());
        assertEquals(2, done.step("extract").orElseThrow().attempts());
    }

    @Test
    void aPermanentFailureOnceFailsTheJobWithAUserMessageAndARetryCompletesIt() {
        Job job = submit(Payload.of("time_scale", 0, "fail", Map.of("step", "classify", "kind", "permanent")));
        conveyor.drain();
        Job failed = job(job);
        assertEquals(JobStatus.FAILED, failed.status());
        assertEquals("simulated_failure", failed.error().orElseThrow().code());
        assertEquals(StepStatus.FAILED, failed.step("classify").orElseThrow().status());

        conveyor.retry(ACME, job.id()).orElseThrow();
        conveyor.drain();

        Job done = job(job);
        assertEquals(JobStatus.COMPLETED, done.status());
        assertEquals(List.of(StepStatus.COMPLETED), done.steps().stream().map(StepRecord::status).distinct().toList());
    }

    @Test
    void anUnsureReviewItemPausesTheJobAtTheGateUntilResumed() {
        Job job = submit(Payload.of("time_scale", 0, "review_items", List.of(Map.of("id", "a", "confidence", 0.5),
                Map.of("id", "b", "confidence", 0.95))));
        conveyor.drain();
        Job paused = job(job);
        assertEquals(JobStatus.AWAITING_REVIEW, paused.status());
        assertEquals(List.of("a"), paused.reviewItems().stream().map(i -> i.id()).toList());

        conveyor.resume(ACME, job.id(), List.of(ReviewDecision.approve("a"))).orElseThrow();
        conveyor.drain();

        assertEquals(JobStatus.COMPLETED, job(job).status());
    }

    @Test
    void aBadInputFailsTheFirstStepWithAMessageNamingTheField() {
        Job job = submit(Payload.of("files", "lots"));

        conveyor.drain();

        Job failed = job(job);
        assertEquals(JobStatus.FAILED, failed.status());
        assertEquals("invalid_input", failed.error().orElseThrow().code());
        assertTrue(failed.error().orElseThrow().message().contains("'files'"));
        assertEquals(StepStatus.FAILED, failed.step("extract").orElseThrow().status());
    }

    private Job submit(Payload input) {
        return conveyor.submit(SubmitJob.startNow(ACME, DemoPipeline.NAME, input)).orElseThrow();
    }

    private Job job(Job job) {
        return conveyor.job(ACME, job.id()).orElseThrow();
    }
}
