package dev.conveyor.core;

import dev.conveyor.core.store.InMemoryJobStore;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.in.SubmitJob;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Closing an engine lets running steps stop at a checkpoint and hands their jobs back to the queue. */
class GracefulShutdownTest {

    @Test
    void aStepStillRunningAfterTheGracePeriodIsStoppedAndItsJobRequeuedForAnotherWorker() throws Exception {
        InMemoryJobStore shared = new InMemoryJobStore();
        TenantId tenant = TenantId.of("acme");
        CountDownLatch inStep = new CountDownLatch(1);
        PipelineDefinition slow = PipelineDefinition.named("slow")
                .step("prepare", ctx -> { })
                .step("crunch", ctx -> {
                    inStep.countDown();
                    for (long unit = 1; unit <= 600_000; unit++) {
                        ctx.checkpoint();
                        ctx.progress(unit, 600_000);
                        Thread.sleep(1);
                    }
                })
                .build();
        Job job;
        try (Conveyor leaving = Conveyor.builder().pipeline(slow).store(shared).workers(1)
                .shutdownGrace(Duration.ofMillis(100)).start()) {
            job = leaving.submit(SubmitJob.startNow(tenant, "slow", Payload.of("n", 1))).orElseThrow();
            assertTrue(inStep.await(10, TimeUnit.SECONDS));
        }

        Job handedBack = shared.find(tenant, job.id()).orElseThrow();
        assertEquals(JobStatus.QUEUED, handedBack.status());
        assertTrue(handedBack.processing());
        assertTrue(handedBack.lease().isEmpty());
        assertEquals(StepStatus.COMPLETED, handedBack.steps().get(0).status());
        assertEquals(StepStatus.PENDING, handedBack.steps().get(1).status());
        assertEquals(1, handedBack.steps().get(1).attempts(), "the interrupted attempt is counted");
    }
}
