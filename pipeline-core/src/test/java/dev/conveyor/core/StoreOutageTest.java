package dev.conveyor.core;

import dev.conveyor.core.store.InMemoryJobStore;
import dev.conveyor.core.store.InMemoryStepTimings;
import dev.conveyor.core.support.Harness;
import dev.conveyor.core.support.OutageStore;
import dev.conveyor.core.support.SeedSteps;
import dev.conveyor.model.EtaAccuracy;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.StepTiming;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.in.SubmitJob;
import dev.conveyor.port.out.StepTimings;
import dev.conveyor.port.out.StoreUnavailableException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job store says it is unavailable: a worker keeps its step's result and writes it once the store answers
 * (the step is not run again, its completion not recorded twice), and idle workers back off instead of spinning,
 * then claim again on their own.
 */
class StoreOutageTest {

    @Test
    void aStepsCompletionTheStoreCouldNotTakeIsWrittenOnceItAnswersWithoutRunningTheStepAgain() {
        AtomicInteger extracts = new AtomicInteger();
        OutageStore store = new OutageStore(new InMemoryJobStore());
        try (Harness h = new Harness(clock -> new SeedSteps(clock).on("extract", ctx -> {
            extracts.incrementAndGet();
            store.refuseNextUpdates(3); // the write of this step's completion meets an outage
        }).build(), b -> b, store)) {
            Job job = h.submit("documents", Payload.of("files", 1));

            h.drain();

            assertEquals(JobStatus.COMPLETED, h.job(job.id()).status());
            assertEquals(1, extracts.get(), "the step ran once");
            assertEquals(1, h.auditTypes().stream().filter("pipeline_extract_complete"::equals).count());
            List<Duration> waits = h.sleeper.sleeps();
            assertEquals(3, waits.size(), "one back-off per refused write: " + waits);
            assertTrue(waits.stream().allMatch(wait -> wait.compareTo(Duration.ofMillis(200)) >= 0),
                    "never sooner than the store's retry-after: " + waits);
        }
    }

    @Test
    void aWriteStoredButUnansweredIsRecognisedNotWrittenAgain() {
        AtomicInteger extracts = new AtomicInteger();
        OutageStore store = new OutageStore(new InMemoryJobStore());
        try (Harness h = new Harness(clock -> new SeedSteps(clock).on("extract", ctx -> {
            extracts.incrementAndGet();
            store.loseAnswersOfNextUpdates(1); // stored, then the answer is lost
        }).build(), b -> b, store)) {
            Job job = h.submit("documents", Payload.of("files", 1));

            h.drain();

            Job done = h.job(job.id());
            assertEquals(JobStatus.COMPLETED, done.status());
            assertEquals(1, extracts.get(), "the step ran once");
            assertEquals(1, h.auditTypes().stream().filter("pipeline_extract_complete"::equals).count(),
                    "the completion is recorded once: " + h.auditTypes());
            assertEquals(1, h.auditTypes().stream().filter("pipeline_classify_start"::equals).count());
        }
    }

    @Test
    void idleWorkersBackOffWhileTheStoreIsDownAndClaimAgainOnTheirOwn() throws Exception {
        OutageStore store = new OutageStore(new InMemoryJobStore());
        PipelineDefinition pipeline = PipelineDefinition.named("noop").step("only", ctx -> { }).build();
        TenantId tenant = TenantId.of("acme");
        store.down();
        try (Conveyor conveyor = Conveyor.builder().pipeline(pipeline).store(store).workers(2)
                .pollInterval(Duration.ofMillis(20)).start()) {
            Thread.sleep(1_000);
            int refused = store.refusedCalls();
            store.up();
            Job job = conveyor.submit(SubmitJob.startNow(tenant, "noop", Payload.of("n", 1))).orElseThrow();

            Job done = conveyor.await(tenant, job.id(), Duration.ofSeconds(10)).orElseThrow();

            assertEquals(JobStatus.COMPLETED, done.status());
            // Two workers backing off from 100 ms (and 200 ms per the store's hint) make a handful of tries in a
            // second; spinning, or polling every 20 ms, would make a hundred or more.
            assertTrue(refused < 30, refused + " calls refused in 1 s");
        }
    }

    /**
     * Closing saves what the engine learned last and flushes progress, which a store that is down cannot take: the
     * close still ends, closing everything else, so a command line run that gave up on the database exits as having
     * given up rather than with the store's error. The timings are learned again by the next runs.
     */
    @Test
    void closingWhileTheStoreIsDownEndsWithoutItsError() throws Exception {
        OutageStore store = new OutageStore(new InMemoryJobStore());
        AtomicInteger refusedSaves = new AtomicInteger();
        InMemoryStepTimings learned = new InMemoryStepTimings();
        StepTimings timings = new StepTimings() {
            @Override
            public Map<String, StepTiming> find(String pipeline) {
                return learned.find(pipeline);
            }

            @Override
            public void save(String pipeline, String step, StepTiming timing) {
                refusedSaves.incrementAndGet();
                throw new StoreUnavailableException("the store is down (test)", Duration.ofMillis(200), null);
            }

            @Override
            public EtaAccuracy accuracy(String pipeline) {
                return learned.accuracy(pipeline);
            }

            @Override
            public void saveAccuracy(String pipeline, EtaAccuracy accuracy) {
                learned.saveAccuracy(pipeline, accuracy);
            }
        };
        PipelineDefinition pipeline = PipelineDefinition.named("noop").step("only", ctx -> { }).build();
        TenantId tenant = TenantId.of("acme");
        Conveyor conveyor = Conveyor.builder().pipeline(pipeline).store(store).timings(timings).workers(1).start();
        Job job = conveyor.submit(SubmitJob.startNow(tenant, "noop", Payload.of("n", 1))).orElseThrow();
        assertEquals(JobStatus.COMPLETED, conveyor.await(tenant, job.id(), Duration.ofSeconds(10)).orElseThrow()
                .status());
        store.down();

        assertDoesNotThrow(conveyor::close);
        assertTrue(refusedSaves.get() >= 1, "the close tried to save the step's timing");
    }
}
