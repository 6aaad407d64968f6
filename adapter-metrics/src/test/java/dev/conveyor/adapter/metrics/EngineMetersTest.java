package dev.conveyor.adapter.metrics;

import dev.conveyor.core.Conveyor;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.StepException;
import dev.conveyor.port.in.SubmitJob;
import dev.conveyor.core.store.InMemoryJobStore;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A scrape after real runs of a real engine shows the right counts and histograms. */
class EngineMetersTest {

    private static final TenantId ACME = TenantId.of("acme");

    @Test
    void aScrapeAfterARunCountsJobsStepsRetriesAndProgressWrites() {
        AtomicReference<Conveyor> engine = new AtomicReference<>();
        PipelineDefinition ingest = PipelineDefinition.named("ingest")
                .step("fetch", ctx -> {
                    if (ctx.attempt() == 1) {
                        throw StepException.transientFailure("The source is busy.", null);
                    }
                })
                .step("parse", ctx -> {
                    ctx.progress(1, 2);
                    engine.get().maintenance().flushProgress();
                    if (ctx.input().getString("text", "").equals("bad")) {
                        throw StepException.permanent("bad_input", "The text cannot be parsed.");
                    }
                    ctx.progress(2, 2);
                })
                .build();
        InMemoryJobStore store = new InMemoryJobStore();
        try (ConveyorMetrics metrics = ConveyorMetrics.prometheus().meterQueue(store);
             Conveyor conveyor = Conveyor.builder().pipeline(ingest).store(store).workers(0)
                     .scheduleMaintenance(false).sleeper(wait -> { }).audit(event -> { })
                     .reportTo(metrics.listener()).start()) {
            engine.set(conveyor);
            conveyor.submit(SubmitJob.startNow(ACME, "ingest", Payload.of("text", "good"))).orElseThrow();
            conveyor.submit(SubmitJob.startNow(ACME, "ingest", Payload.of("text", "good"))).orElseThrow();
            conveyor.submit(SubmitJob.startNow(ACME, "ingest", Payload.of("text", "bad"))).orElseThrow();
            Job later = conveyor.submit(new SubmitJob(ACME, "ingest", Payload.of("text", "good"),
                    PipelineOptions.defaults(), false)).orElseThrow();

            Scraped queued = Scraped.of(metrics.scrape());
            assertEquals(3.0, queued.valueOf("conveyor_queue_depth"));
            assertTrue(queued.valueOf("conveyor_queue_oldest_age_seconds") >= 0.0);

            assertEquals(3, conveyor.drain());
            assertEquals(JobStatus.CANCELLED, conveyor.cancel(ACME, later.id()).orElseThrow().status());

            Scraped after = Scraped.of(metrics.scrape());
            assertEquals(4.0, after.valueOf("conveyor_jobs_submitted_total", "pipeline=ingest"));
            assertEquals(2.0, after.valueOf("conveyor_jobs_completed_total", "pipeline=ingest"));
            assertEquals(1.0, after.valueOf("conveyor_jobs_failed_total", "pipeline=ingest", "step=parse",
                    "code=bad_input"));
            assertEquals(1.0, after.valueOf("conveyor_jobs_cancelled_total", "pipeline=ingest"));
            assertEquals(3.0, after.samples().stream().filter(s -> s.name().equals("conveyor_step_retries_total")
                    && "fetch".equals(s.labels().get("step"))).mapToDouble(Scraped.Sample::value).sum());

            assertEquals(3.0, after.valueOf("conveyor_step_duration_seconds_count", "pipeline=ingest", "step=fetch",
                    "outcome=completed"));
            assertEquals(3.0, after.valueOf("conveyor_step_duration_seconds_bucket", "pipeline=ingest",
                    "step=fetch", "outcome=completed", "le=+Inf"));
            assertEquals(2.0, after.valueOf("conveyor_step_duration_seconds_count", "step=parse",
                    "outcome=completed"));
            assertEquals(1.0, after.valueOf("conveyor_step_duration_seconds_count", "step=parse", "outcome=failed"));
            assertEquals(0.0, after.valueOf("conveyor_steps_running", "pipeline=ingest", "step=fetch"));
            assertEquals(0.0, after.valueOf("conveyor_steps_running", "pipeline=ingest", "step=parse"));

            assertEquals(3.0, after.valueOf("conveyor_progress_writes_total"), "one flush in each run of parse");
            assertEquals(0.0, after.valueOf("conveyor_queue_depth"));
            assertEquals(0.0, after.valueOf("conveyor_queue_oldest_age_seconds"));
            assertEquals(0.0, after.valueOf("conveyor_hooks_dropped_total", "hook=audit"));
            assertTrue(after.has("conveyor_hooks_queued"));
            assertTrue(after.has("jvm_memory_used_bytes"), "the JVM's own meters come too");
            assertFalse(after.has("conveyor_store_commit_writes_count"), "an in-memory store reports no commits");
            assertTrue(after.samples().stream().noneMatch(s -> s.labels().containsValue(later.id().toString())),
                    "no job id is ever a label");
        }
    }
}
