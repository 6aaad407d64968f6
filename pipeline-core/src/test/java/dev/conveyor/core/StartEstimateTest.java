package dev.conveyor.core;

import dev.conveyor.core.store.InMemoryJobStore;
import dev.conveyor.core.support.RecordingStore;
import dev.conveyor.model.Job;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.Estimate;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.in.Started;
import dev.conveyor.port.in.SubmitJob;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The estimated duration a start answers is the estimate it stored with the job, whatever a worker learns while
 * the answer is made: a worker woken by the start, or polling, can finish steps at once and learn from them.
 */
class StartEstimateTest {

    @Test
    void aStartAnswersTheEstimateItStoredEvenWhenAWorkerFinishesTheJobFirst() {
        TenantId tenant = TenantId.of("acme");
        PipelineDefinition pipeline = PipelineDefinition.named("two")
                .step("a", 1, Estimate.fixed(Duration.ofSeconds(10)), ctx -> { })
                .step("b", 1, Estimate.fixed(Duration.ofSeconds(5)), ctx -> { })
                .build();
        RecordingStore store = new RecordingStore(new InMemoryJobStore());
        AtomicReference<Conveyor> engine = new AtomicReference<>();
        try (Conveyor conveyor = Conveyor.builder().store(store).pipeline(pipeline).workers(0)
                .scheduleMaintenance(false).start()) {
            engine.set(conveyor);
            Job created = conveyor.submit(new SubmitJob(tenant, "two", Payload.of("n", 1), PipelineOptions.defaults(),
                    false)).orElseThrow();
            store.afterStart(job -> engine.get().drain());

            Started started = conveyor.process(tenant, created.id()).orElseThrow();

            assertEquals(Optional.of(15L), started.estimatedDurationSeconds(),
                    "10 s + 5 s, nothing learned when the job was started");
        }
    }
}
