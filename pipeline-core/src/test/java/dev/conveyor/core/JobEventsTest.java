package dev.conveyor.core;

import dev.conveyor.model.AuditEvent;
import dev.conveyor.model.AuditPage;
import dev.conveyor.model.AuditQuery;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.Estimate;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.StepException;
import dev.conveyor.port.in.SubmitJob;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Conveyor.events}: a job's audit trail read back through the engine, on its default in-memory store, is
 * complete as soon as the job shows the transition it tells of, and only the job's tenant reads it.
 */
class JobEventsTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final PipelineDefinition PIPELINE = PipelineDefinition.named("docs")
            .step("extract", 50, Estimate.fixed(Duration.ofMillis(1)), ctx -> { })
            .step("classify", 50, Estimate.fixed(Duration.ofMillis(1)), ctx -> {
                throw StepException.permanent("unreadable", "The document could not be read.");
            })
            .build();

    @Test
    void aFailedJobsTrailTellsEachTransitionWithTheUserFacingMessageAndTheInternalDetail() throws Exception {
        try (Conveyor conveyor = Conveyor.builder().pipeline(PIPELINE).workers(1).start()) {
            Job job = conveyor.submit(SubmitJob.startNow(ACME, "docs", Payload.of("file", "a.pdf"))).orElseThrow();
            Job failed = conveyor.await(ACME, job.id(), Duration.ofSeconds(10)).orElseThrow();
            assertEquals(JobStatus.FAILED, failed.status());

            AuditPage page = conveyor.events(ACME, job.id(), AuditQuery.firstPage(100)).orElseThrow();

            List<String> types = page.events().stream().map(AuditEvent::type).toList();
            assertEquals("pipeline_failed", types.getLast(), types::toString);
            assertTrue(types.containsAll(List.of("pipeline_queued", "pipeline_extract_start",
                    "pipeline_extract_complete", "pipeline_classify_start", "pipeline_classify_failed")), types::toString);
            AuditEvent stepFailed = page.events().get(types.indexOf("pipeline_classify_failed"));
            assertEquals(Optional.of("unreadable"), stepFailed.details().get("code"));
            assertEquals(Optional.of("The document could not be read."), stepFailed.details().get("message"));
            assertTrue(stepFailed.details().get("detail").isPresent(), stepFailed::toString);
            assertEquals(Optional.empty(), conveyor.events(TenantId.of("globex"), job.id(), AuditQuery.firstPage(10)));
        }
    }
}
