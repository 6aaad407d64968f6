package dev.conveyor.core;

import dev.conveyor.core.support.Harness;
import dev.conveyor.core.support.SeedSteps;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Notification;
import dev.conveyor.model.Payload;
import dev.conveyor.model.StepStatus;
import dev.conveyor.pipeline.PipelineDefinition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.conveyor.core.support.Harness.ACME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A step that kills its worker (out of memory, a native crash, a halt) is not run for ever: each expired lease is
 * counted, and at the limit the job fails as {@code worker_lost}, completed steps kept, retry working as for any
 * failure. The worker's death is played by an {@link Error} no step handling catches: the drain stops with the
 * job still leased, as a dead process leaves it.
 */
class PoisonJobTest {

    private static final Duration PAST_THE_LEASE = Duration.ofSeconds(31);

    @Test
    void aStepThatKillsThreeWorkersInARowFailsAsWorkerLostAndRetryRunsItAgain() {
        AtomicBoolean poison = new AtomicBoolean(true);
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        try (Harness h = Harness.of(clock -> new SeedSteps(clock)
                .on("extract", ctx -> count(runs, "extract"))
                .on("classify", ctx -> {
                    count(runs, "classify");
                    if (poison.get()) {
                        throw new WorkerDeath();
                    }
                }).build())) {
            Job job = h.submit("documents", Payload.of("files", 1));

            for (int loss = 1; loss <= 3; loss++) {
                assertThrows(WorkerDeath.class, h::drain);
                h.advance(PAST_THE_LEASE);
                assertEquals(1, h.conveyor.maintenance().requeueExpired());
                assertEquals(loss, h.job(job.id()).workerLosses());
            }
            h.drain();

            Job failed = h.job(job.id());
            assertEquals(JobStatus.FAILED, failed.status());
            assertEquals("worker_lost", failed.error().orElseThrow().code());
            assertTrue(failed.error().orElseThrow().message().contains("classify step stopped the worker running it 3 "
                    + "times"), failed.error().orElseThrow().message());
            assertEquals(StepStatus.COMPLETED, failed.steps().get(0).status(), "completed steps are kept");
            assertEquals(StepStatus.FAILED, failed.steps().get(1).status());
            assertEquals("worker_lost", failed.steps().get(1).error().orElseThrow().code());
            assertEquals(3, runs.get("classify").get(), "the step is not run a fourth time");
            assertEquals("failed", h.progress(job.id()).status());
            assertTrue(h.auditTypes().contains("pipeline_failed"), h.auditTypes().toString());
            assertTrue(h.audit.stream().anyMatch(e -> e.type().equals("pipeline_failed")
                    && e.details().toString().contains("expired 3 times in a row")), h.audit.toString());
            assertTrue(h.notifications.stream().anyMatch(n -> n instanceof Notification.Failed f
                    && f.error().code().equals("worker_lost")));

            poison.set(false);
            h.conveyor.retry(ACME, job.id()).orElseThrow();
            assertEquals(0, h.job(job.id()).workerLosses(), "a retry starts with no loss counted");
            h.drain();

            assertEquals(JobStatus.COMPLETED, h.job(job.id()).status());
            assertEquals(1, runs.get("extract").get(), "the step completed before the losses is not run again");
            assertEquals(4, runs.get("classify").get());
        }
    }

    @Test
    void aPipelineSetsItsOwnLimit() {
        try (Harness h = Harness.of(clock -> {
            PipelineDefinition seed = new SeedSteps(clock).on("extract", ctx -> {
                throw new WorkerDeath();
            }).build();
            return new PipelineDefinition(seed.name(), seed.steps(), OptionalInt.of(1));
        })) {
            Job job = h.submit("documents", Payload.of("files", 1));
            assertThrows(WorkerDeath.class, h::drain);
            h.advance(PAST_THE_LEASE);
            h.conveyor.maintenance().requeueExpired();
            h.drain();

            assertEquals("worker_lost", h.job(job.id()).error().orElseThrow().code());
        }
    }

    @Test
    void lossesCountPerStepSoStepsThatEachLoseFewerWorkersThanTheLimitStillComplete() {
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        try (Harness h = Harness.of(clock -> new SeedSteps(clock)
                .on("extract", ctx -> dieTwice(runs, "extract"))
                .on("classify", ctx -> dieTwice(runs, "classify"))
                .on("validate", ctx -> dieTwice(runs, "validate")).build())) {
            Job job = h.submit("documents", Payload.of("files", 1));

            for (int death = 0; death < 6; death++) {
                assertThrows(WorkerDeath.class, h::drain);
                h.advance(PAST_THE_LEASE);
                assertEquals(1, h.conveyor.maintenance().requeueExpired());
                assertTrue(h.job(job.id()).workerLosses() <= 2, "a step's end clears the count");
            }
            h.drain();

            Job done = h.job(job.id());
            assertEquals(JobStatus.COMPLETED, done.status(), done.error().toString());
            assertEquals(0, done.workerLosses());
        }
    }

    private static void dieTwice(Map<String, AtomicInteger> runs, String step) {
        if (count(runs, step) <= 2) {
            throw new WorkerDeath();
        }
    }

    private static int count(Map<String, AtomicInteger> runs, String step) {
        return runs.computeIfAbsent(step, s -> new AtomicInteger()).incrementAndGet();
    }

    /** The death of the worker's process, as the engine meets it: nothing catches it, nothing is written. */
    private static final class WorkerDeath extends Error {
        private static final long serialVersionUID = 1L;
    }
}
