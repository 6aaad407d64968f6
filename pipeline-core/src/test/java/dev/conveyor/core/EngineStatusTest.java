package dev.conveyor.core;

import dev.conveyor.core.support.MutableClock;
import dev.conveyor.model.Job;
import dev.conveyor.model.Payload;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.in.SubmitJob;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a health probe reads from the engine: live worker counts and the age of the longest-waiting job. */
class EngineStatusTest {

    private static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");

    @Test
    void theQueuesAgeIsTheLongestWaitAcrossTenantsOnTheEnginesClock() throws Exception {
        MutableClock clock = new MutableClock(T0);
        try (Conveyor conveyor = Conveyor.builder().pipeline(noop()).workers(0).clock(clock)
                .scheduleMaintenance(false).start()) {
            assertEquals(new EngineStatus(0, 0, 0, Optional.empty(), T0), conveyor.status());

            conveyor.submit(SubmitJob.startNow(GLOBEX, "noop", Payload.of("n", 1))).orElseThrow();
            clock.advance(Duration.ofSeconds(30));
            conveyor.submit(SubmitJob.startNow(ACME, "noop", Payload.of("n", 1))).orElseThrow();
            clock.advance(Duration.ofSeconds(12));

            EngineStatus status = conveyor.status();
            assertEquals(Optional.of(T0), status.oldestQueuedAt());
            assertEquals(Optional.of(Duration.ofSeconds(42)), status.oldestQueuedAge());

            assertEquals(2, conveyor.drain());
            assertEquals(Optional.empty(), conveyor.status().oldestQueuedAge());
        }
    }

    @Test
    void theWorkerCountsAreLiveThreadsAndTheJobsTheyRunNow() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PipelineDefinition waiting = PipelineDefinition.named("waiting").step("wait", ctx -> {
            started.countDown();
            release.await(30, TimeUnit.SECONDS);
        }).build();
        Conveyor conveyor = Conveyor.builder().pipeline(waiting).workers(3).start();
        try {
            Job job = conveyor.submit(SubmitJob.startNow(ACME, "waiting", Payload.of("n", 1))).orElseThrow();
            assertTrue(started.await(30, TimeUnit.SECONDS), "the step started");

            EngineStatus running = conveyor.status();
            assertEquals(3, running.workers());
            assertEquals(3, running.workersAlive());
            assertEquals(1, running.busy());

            release.countDown();
            conveyor.await(ACME, job.id(), Duration.ofSeconds(30)).orElseThrow();
        } finally {
            release.countDown();
            conveyor.close();
        }
        EngineStatus closed = conveyor.status();
        assertEquals(3, closed.workers());
        assertEquals(0, closed.workersAlive());
    }

    private static PipelineDefinition noop() {
        return PipelineDefinition.named("noop").step("only", ctx -> { }).build();
    }
}
