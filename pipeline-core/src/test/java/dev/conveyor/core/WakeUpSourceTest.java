package dev.conveyor.core;

import dev.conveyor.core.store.InMemoryJobStore;
import dev.conveyor.core.store.JobBuilder;
import dev.conveyor.core.support.RecordingStore;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.pipeline.PipelineDefinition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A wake-up source lets work queued by another process start at once instead of at the next poll. The poll
 * interval here is a minute, so a job that starts within seconds was started by the wake-up.
 */
class WakeUpSourceTest {

    private static final Duration ONE_MINUTE = Duration.ofMinutes(1);

    private final RecordingStore store = new RecordingStore(new InMemoryJobStore());
    private final CountDownLatch ran = new CountDownLatch(1);
    private final AtomicReference<Runnable> wake = new AtomicReference<>();
    private final PipelineDefinition pipeline = PipelineDefinition.named("woken").step("only", ctx -> ran.countDown())
            .build();

    @Test
    void givenIdleWorkers_whenTheSourceFiresForAJobQueuedElsewhere_thenTheJobRunsAtOnce() throws Exception {
        try (Conveyor ignored = engine()) {
            queueAsAnotherProcessWould();

            wake.get().run();

            assertTrue(ran.await(5, TimeUnit.SECONDS), "the woken worker ran the job long before the next poll");
        }
    }

    @Test
    void givenIdleWorkers_whenTheSourceStaysSilent_thenTheJobWaitsForTheNextPoll() throws Exception {
        try (Conveyor ignored = engine()) {
            Job job = queueAsAnotherProcessWould();

            assertFalse(ran.await(500, TimeUnit.MILLISECONDS), "no worker looked before its poll interval");
            assertEquals(JobStatus.QUEUED, store.find(job.tenant(), job.id()).orElseThrow().status());
        }
    }

    @Test
    void anEngineWithoutWorkersHandsTheSourceNothing() {
        try (Conveyor ignored = Conveyor.builder().pipeline(pipeline).workers(0).wakeUpOn(wake::set).start()) {
            assertNull(wake.get());
        }
    }

    @Test
    void aMissingSourceIsRejectedWithItsName() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> Conveyor.builder().wakeUpOn(null));
        assertEquals("wake-up source must not be null", e.getMessage());
    }

    /** One worker polling once a minute, idle once its first claim came back empty. */
    private Conveyor engine() throws InterruptedException {
        Conveyor engine = Conveyor.builder().pipeline(pipeline).store(store).workers(1).pollInterval(ONE_MINUTE)
                .scheduleMaintenance(false).wakeUpOn(wake::set).start();
        assertNotNull(wake.get(), "the source was handed its wake-up at start");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (store.emptyClaims() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        if (store.emptyClaims() != 1) {
            engine.close();
        }
        assertEquals(1, store.emptyClaims(), "the worker looked once, found nothing and went idle");
        return engine;
    }

    /** Straight into the store, past the engine's commands: as a process sharing the store would queue it. */
    private Job queueAsAnotherProcessWould() {
        Job job = JobBuilder.aJob().forPipeline("woken").withSteps("only").queuedAt(Instant.now()).build();
        store.insert(job);
        return job;
    }
}
