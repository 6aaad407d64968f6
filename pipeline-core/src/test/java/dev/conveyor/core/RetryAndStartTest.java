package dev.conveyor.core;

import dev.conveyor.core.support.Harness;
import dev.conveyor.core.support.SeedSteps;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.StepException;
import dev.conveyor.port.in.Outcome;
import dev.conveyor.port.in.Rejection;
import dev.conveyor.port.in.Started;
import dev.conveyor.port.in.SubmitJob;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.conveyor.core.support.Harness.ACME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starting, retrying and re-running jobs: one run at a time, resuming where it failed. */
class RetryAndStartTest {

    @Test
    void retryResumesAtTheFailedStepAndDoesNotRunCompletedStepsAgain() {
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        AtomicBoolean broken = new AtomicBoolean(true);
        try (Harness h = Harness.of(clock -> new SeedSteps(clock)
                .on("extract", ctx -> { count(runs, "extract"); ctx.put("pages", 3); })
                .on("classify", ctx -> count(runs, "classify"))
                .on("validate", ctx -> {
                    count(runs, "validate");
                    if (broken.get()) {
                        throw StepException.permanent("invalid_totals", "Totals do not add up.");
                    }
                })
                .on("generate", ctx -> {
                    count(runs, "generate");
                    ctx.put("saw_pages", ctx.output("extract").getLong("pages", -1));
                })
                .build())) {
            Job job = h.submit("documents", Payload.of("files", 1));
            h.drain();
            assertEquals(JobStatus.FAILED, h.job(job.id()).status());
            int progressAtFailure = h.job(job.id()).progress();

            broken.set(false);
            Outcome<Job> retried = h.conveyor.retry(ACME, job.id());
            h.drain();

            assertTrue(retried.isAccepted());
            Job done = h.job(job.id());
            assertEquals(JobStatus.COMPLETED, done.status());
            assertEquals(1, runs.get("extract").get());
            assertEquals(1, runs.get("classify").get());
            assertEquals(2, runs.get("validate").get());
            assertEquals(1, runs.get("generate").get());
            assertEquals(3L, done.steps().get(4).output().getLong("saw_pages", -1), "earlier outputs are kept");
            assertEquals(60, progressAtFailure, "progress stays where the failed step began");
            assertTrue(done.error().isEmpty());
        }
    }

    @Test
    void retryIsRefusedUnlessTheJobFailed() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock).build())) {
            Job job = h.submit("documents", Payload.of("files", 1));

            Outcome<Job> whileQueued = h.conveyor.retry(ACME, job.id());
            h.drain();
            Outcome<Job> whenCompleted = h.conveyor.retry(ACME, job.id());

            assertEquals(Rejection.Reason.ALREADY_PROCESSING, reason(whileQueued));
            assertEquals(Rejection.Reason.WRONG_STATE, reason(whenCompleted));
        }
    }

    @Test
    void startingAJobThatIsAlreadyProcessingIsRefused() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock).build())) {
            Job job = h.submit("documents", Payload.of("files", 1));

            Outcome<Started> second = h.conveyor.process(ACME, job.id());

            assertEquals(Rejection.Reason.ALREADY_PROCESSING, reason(second));
        }
    }

    @Test
    void ofSixteenRacingProcessCallsExactlyOneStartsTheJob() throws Exception {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock).build());
             ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int round = 0; round < 50; round++) {
                Job job = h.conveyor.submit(new SubmitJob(ACME, "documents", Payload.of("files", 1),
                        PipelineOptions.defaults(), false)).orElseThrow();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Outcome<Started>>> calls = new java.util.ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    calls.add(pool.submit(() -> {
                        go.await();
                        return h.conveyor.process(ACME, job.id());
                    }));
                }
                go.countDown();
                int started = 0;
                for (Future<Outcome<Started>> call : calls) {
                    Outcome<Started> outcome = call.get();
                    if (outcome.isAccepted()) {
                        started++;
                    } else {
                        assertEquals(Rejection.Reason.ALREADY_PROCESSING, reason(outcome));
                    }
                }
                assertEquals(1, started, "round " + round);
            }
        }
    }

    @Test
    void processGivesTheExpectedDurationOfTheWholeRun() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock).build())) {
            Job job = h.conveyor.submit(new SubmitJob(ACME, "documents", Payload.of("files", 3, "items", 40),
                    PipelineOptions.defaults(), false)).orElseThrow();

            Started started = h.conveyor.process(ACME, job.id()).orElseThrow();

            // the fixed estimates: 5 s per file × 3 + 3 s per 20 items × 40 + 1 s + 2 s
            assertEquals(java.util.Optional.of(24L), started.estimatedDurationSeconds());
        }
    }

    @Test
    void aJobWithoutInputIsNotProcessed() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock).build())) {
            Job job = h.conveyor.submit(new SubmitJob(ACME, "documents", Payload.empty(), PipelineOptions.defaults(),
                    false)).orElseThrow();

            assertEquals(Rejection.Reason.INVALID, reason(h.conveyor.process(ACME, job.id())));
        }
    }

    @Test
    void unknownPipelinesAndStepsAreRefusedWithTheKnownNames() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock).build())) {
            Outcome<Job> unknown = h.conveyor.submit(SubmitJob.startNow(ACME, "invoices", Payload.of("files", 1)));
            Outcome<Job> badStep = h.conveyor.submit(new SubmitJob(ACME, "documents", Payload.of("files", 1),
                    PipelineOptions.defaults().withStartFrom("publish"), true));

            assertEquals(Rejection.Reason.UNKNOWN_PIPELINE, reason(unknown));
            assertTrue(((Outcome.Rejected<Job>) unknown).rejection().message().contains("documents"));
            assertEquals(Rejection.Reason.INVALID, reason(badStep));
            assertTrue(((Outcome.Rejected<Job>) badStep).rejection().message().contains("extract, classify"));
        }
    }

    @Test
    void startFromSkipsTheStepsBeforeIt() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock).build())) {
            Job job = h.submit("documents", Payload.of("files", 1), PipelineOptions.defaults().withStartFrom("validate"));

            h.drain();

            Job done = h.job(job.id());
            assertEquals(List.of(StepStatus.SKIPPED, StepStatus.SKIPPED, StepStatus.SKIPPED, StepStatus.COMPLETED,
                    StepStatus.COMPLETED), done.steps().stream().map(s -> s.status()).toList());
            assertEquals(JobStatus.COMPLETED, done.status());
        }
    }

    @Test
    void processingACompletedJobAgainRunsNothingUnlessForced() {
        AtomicInteger extracts = new AtomicInteger();
        try (Harness h = Harness.of(clock -> new SeedSteps(clock).on("extract", ctx -> extracts.incrementAndGet())
                .build())) {
            Job plain = h.submit("documents", Payload.of("files", 1));
            Job forced = h.submit("documents", Payload.of("files", 1),
                    PipelineOptions.defaults().withForceReprocess(true));
            h.drain();

            h.conveyor.process(ACME, plain.id()).orElseThrow();
            h.conveyor.process(ACME, forced.id()).orElseThrow();
            h.drain();

            assertEquals(3, extracts.get(), "once each, then once more for the forced job only");
            assertEquals(JobStatus.COMPLETED, h.job(plain.id()).status());
            assertEquals(JobStatus.COMPLETED, h.job(forced.id()).status());
        }
    }

    @Test
    void anotherTenantCannotSeeOrTouchTheJob() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock).build())) {
            Job job = h.submit("documents", Payload.of("files", 1));
            TenantId other = TenantId.of("globex");

            assertTrue(h.conveyor.progress(other, job.id()).isEmpty());
            assertEquals(Rejection.Reason.JOB_NOT_FOUND, reason(h.conveyor.cancel(other, job.id())));
            assertEquals(Rejection.Reason.JOB_NOT_FOUND, reason(h.conveyor.retry(other, job.id())));
        }
    }

    private static void count(Map<String, AtomicInteger> runs, String step) {
        runs.computeIfAbsent(step, s -> new AtomicInteger()).incrementAndGet();
    }

    static Rejection.Reason reason(Outcome<?> outcome) {
        return outcome instanceof Outcome.Rejected<?> rejected ? rejected.rejection().reason() : null;
    }
}
