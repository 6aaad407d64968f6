package dev.conveyor.core;

import dev.conveyor.core.store.InMemoryJobStore;
import dev.conveyor.core.support.Harness;
import dev.conveyor.core.support.MutableClock;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.WorkerId;
import dev.conveyor.pipeline.Estimate;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.Step;
import dev.conveyor.pipeline.StepException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bar never moves back between two polls, whenever they read the row: a poll that reads a job just before a
 * write lands may read its clock later than the writer read its own, so a write that ends a step's time-based
 * share must keep what that share shows a little later. A pipeline of {@code prepare} (1 s) and {@code generate}
 * (1.5 s, no unit reports unless told), each half of the bar, on the fake clock.
 */
class MonotonicProgressTest {

    /** How late, after its writer read the clock, a write lands in these tests: a loaded machine's delay. */
    private static final Duration LATE = Duration.ofMillis(300);

    @Test
    void aPollJustBeforeTheFirstUnitReportLandsNeverReadsMoreThanThePollsAfterIt() {
        List<Integer> seen = new ArrayList<>();
        Harness[] self = new Harness[1];
        self[0] = Harness.of(twoSteps(clock -> context -> {
            clock.advance(Duration.ofMillis(600));       // time says 40 % of generate: 50 + 20
            seen.add(poll(self[0], context.jobId()));
            context.progress(1, 10);                     // units say 10 %, less than time does
            Runnable late = pollLate(self[0], context.jobId(), seen);
            self[0].store.beforeProgress(update -> late.run());
            self[0].conveyor.maintenance().flushProgress();
            seen.add(poll(self[0], context.jobId()));
            clock.advance(Duration.ofSeconds(1));
            seen.add(poll(self[0], context.jobId()));
        }));
        try (Harness h = self[0]) {
            h.submit("plan", Payload.of("document", "report.pdf"));

            h.drain();

            assertEquals(4, seen.size());
            assertNeverDown(seen);
        }
    }

    @Test
    void aPollJustBeforeAFailureLandsNeverReadsMoreThanTheFailedJob() {
        List<Integer> seen = new ArrayList<>();
        Harness[] self = new Harness[1];
        self[0] = Harness.of(twoSteps(clock -> context -> {
            clock.advance(Duration.ofMillis(600));
            seen.add(poll(self[0], context.jobId()));
            Runnable late = pollLate(self[0], context.jobId(), seen);
            self[0].store.beforeUpdate(job -> {
                if (job.status() == JobStatus.FAILED) {
                    late.run();
                }
            });
            throw StepException.permanent("model_refused", "The model refused the document.");
        }));
        try (Harness h = self[0]) {
            Job job = h.submit("plan", Payload.of("document", "report.pdf"));

            h.drain();
            seen.add(h.progress(job.id()).pipelineProgress());

            assertEquals(JobStatus.FAILED, h.job(job.id()).status());
            assertEquals(3, seen.size());
            assertNeverDown(seen);
        }
    }

    @Test
    void aCancelledJobKeepsTheProgressItsUnitReportsShowed() {
        List<Integer> seen = new ArrayList<>();
        Harness[] self = new Harness[1];
        self[0] = Harness.of(twoSteps(clock -> context -> {
            context.progress(3, 10);
            self[0].conveyor.maintenance().flushProgress();
            seen.add(poll(self[0], context.jobId()));
            self[0].conveyor.cancel(Harness.ACME, context.jobId()).orElseThrow();
            context.checkpoint();
        }));
        try (Harness h = self[0]) {
            Job job = h.submit("plan", Payload.of("document", "report.pdf"));

            h.drain();
            seen.add(h.progress(job.id()).pipelineProgress());

            assertEquals(JobStatus.CANCELLED, h.job(job.id()).status());
            assertEquals(65, seen.getFirst(), "50 for prepare, 3 of 10 units of generate's 50");
            assertNeverDown(seen);
        }
    }

    @Test
    void aJobWhoseWorkerIsLostKeepsTheTimeShareItShowedWhileQueuedAndResumed() throws Exception {
        InMemoryJobStore shared = new InMemoryJobStore();
        CountDownLatch hung = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> seen = new ArrayList<>();
        Harness[] healthy = new Harness[1];
        try (Harness dying = new Harness(twoSteps(clock -> context -> {
                hung.countDown();
                release.await();
            }), b -> b.workerId(new WorkerId("dying")), shared);
             Harness survivor = new Harness(twoSteps(clock -> context -> {
                 seen.add(poll(healthy[0], context.jobId()));
                 clock.advance(Duration.ofMillis(500));
                 seen.add(poll(healthy[0], context.jobId()));
             }), b -> b.workerId(new WorkerId("healthy")), shared)) {
            healthy[0] = survivor;
            Job job = dying.submit("plan", Payload.of("document", "report.pdf"));
            CompletableFuture<Integer> zombie = CompletableFuture.supplyAsync(dying::drain);
            assertTrue(hung.await(10, TimeUnit.SECONDS));

            survivor.advance(Duration.ofSeconds(32));    // generate has run 31 s of its 1.5 s: 90 % of its half
            seen.add(poll(survivor, job.id()));
            assertEquals(1, survivor.conveyor.maintenance().requeueExpired());
            seen.add(poll(survivor, job.id()));
            survivor.drain();
            seen.add(poll(survivor, job.id()));
            release.countDown();
            zombie.get(10, TimeUnit.SECONDS);

            assertEquals(95, seen.getFirst());
            assertEquals(100, seen.getLast());
            assertNeverDown(seen);
        }
    }

    /**
     * What runs, once, as a write is about to land: the write is {@link #LATE} after its writer read the clock, and a
     * poll reads the row as it was just before.
     */
    private static Runnable pollLate(Harness h, JobId id, List<Integer> seen) {
        AtomicBoolean once = new AtomicBoolean();
        return () -> {
            if (once.compareAndSet(false, true)) {
                h.advance(LATE);
                seen.add(poll(h, id));
            }
        };
    }

    private static int poll(Harness h, JobId id) {
        return h.progress(id).pipelineProgress();
    }

    private static void assertNeverDown(List<Integer> seen) {
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1), "progress went down between polls " + (i - 1) + " and " + i
                    + ": " + seen);
        }
    }

    /** prepare takes 1 s as expected; generate, expected to take 1.5 s, does what {@code generate} says. */
    private static Function<MutableClock, PipelineDefinition> twoSteps(Function<MutableClock, Step> generate) {
        return clock -> PipelineDefinition.named("plan")
                .step("prepare", 50, Estimate.fixed(Duration.ofSeconds(1)),
                        context -> clock.advance(Duration.ofSeconds(1)))
                .step("generate", 50, Estimate.fixed(Duration.ofMillis(1500)), generate.apply(clock))
                .build();
    }
}
