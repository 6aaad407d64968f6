package dev.conveyor.core;

import dev.conveyor.core.support.Harness;
import dev.conveyor.core.support.SeedSteps;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Notification;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.StepStatus;
import dev.conveyor.pipeline.RetryPolicy;
import dev.conveyor.pipeline.StepException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failures are transient (retried with back-off), permanent (stop and report) or partial (go on with warnings). */
class FailureTest {

    @Test
    void aPermanentFailureInTheFirstStepStopsTheJobCleanlyWithAUserFacingError() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock)
                .on("extract", ctx -> { throw StepException.permanent("invalid_file", "The file is not a PDF."); })
                .build())) {
            Job job = h.submit("documents", Payload.of("files", 1));

            h.drain();

            Job failed = h.job(job.id());
            assertEquals(JobStatus.FAILED, failed.status());
            assertFalse(failed.processing());
            assertEquals("invalid_file", failed.error().orElseThrow().code());
            assertEquals("The file is not a PDF.", failed.error().orElseThrow().message());
            assertEquals(StepStatus.FAILED, failed.steps().get(0).status());
            assertEquals(1, failed.steps().get(0).attempts(), "a permanent failure is not retried");
            assertTrue(failed.steps().stream().skip(1).allMatch(s -> s.status() == StepStatus.PENDING));
            assertEquals(Optional.of("extract"), failed.currentStep());
            assertTrue(h.sleeper.sleeps().isEmpty());
            assertTrue(h.notifications.getLast() instanceof Notification.Failed);
            assertEquals(failed.error(), h.progress(job.id()).error());
        }
    }

    @Test
    void anUnexpectedExceptionNeverShowsItsTextToTheUserButTheAuditLogKeepsIt() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock)
                .on("classify", ctx -> { throw new IllegalStateException("NPE at com.acme.Secret line 42"); })
                .build())) {
            Job job = h.submit("documents", Payload.of("files", 1));

            h.drain();

            Job failed = h.job(job.id());
            String shown = failed.error().orElseThrow().message();
            assertEquals("step_failed", failed.error().orElseThrow().code());
            assertFalse(shown.contains("Secret") || shown.contains("IllegalState"), shown);
            var audited = h.audit.stream().filter(e -> e.type().equals("pipeline_failed")).findFirst().orElseThrow();
            assertTrue(audited.details().getString("detail", "").contains("com.acme.Secret line 42"));
        }
    }

    @Test
    void transientErrorsAreRetriedThreeTimesWithGrowingBackOffThenFail() {
        AtomicInteger calls = new AtomicInteger();
        try (Harness h = Harness.of(clock -> new SeedSteps(clock)
                .on("classify", ctx -> {
                    calls.incrementAndGet();
                    throw new ConnectException("connection refused");
                })
                .tweak("classify", d -> d.retry(RetryPolicy.defaults().withJitter(0)))
                .build())) {
            Job job = h.submit("documents", Payload.of("files", 1));

            h.drain();

            assertEquals(3, calls.get());
            assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), h.sleeper.sleeps());
            Job failed = h.job(job.id());
            assertEquals(JobStatus.FAILED, failed.status());
            assertEquals(3, failed.steps().get(1).attempts());
            assertEquals("temporarily_unavailable", failed.error().orElseThrow().code());
            assertEquals(2, h.auditTypes().stream().filter("pipeline_classify_retry"::equals).count());
        }
    }

    @Test
    void withJitterTheWaitsStillGrowAndStayWithinTheirBounds() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock)
                .on("extract", ctx -> { throw StepException.transientFailure("busy", null); })
                .tweak("extract", d -> d.retry(RetryPolicy.defaults().withMaxAttempts(4)))
                .build())) {
            h.submit("documents", Payload.of("files", 1));

            h.drain();

            List<Duration> waits = h.sleeper.sleeps();
            assertEquals(3, waits.size());
            long[] base = {1000, 2000, 4000};
            for (int i = 0; i < 3; i++) {
                long ms = waits.get(i).toMillis();
                assertTrue(ms >= base[i] / 2 && ms <= base[i] * 3 / 2, "wait " + i + " was " + ms + " ms");
            }
        }
    }

    @Test
    void aTransientFailureThatPassesOnTheSecondAttemptCompletesTheJob() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock)
                .on("validate", ctx -> {
                    if (ctx.attempt() == 1) {
                        throw StepException.httpStatus(503, Optional.empty(), "The validator");
                    }
                })
                .build())) {
            Job job = h.submit("documents", Payload.of("files", 1));

            h.drain();

            Job done = h.job(job.id());
            assertEquals(JobStatus.COMPLETED, done.status());
            assertEquals(2, done.steps().get(3).attempts());
        }
    }

    @Test
    void aRetryAfterHintLengthensTheWait() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock)
                .on("classify", ctx -> {
                    if (ctx.attempt() == 1) {
                        throw StepException.httpStatus(429, Optional.of(Duration.ofSeconds(20)), "The LLM API");
                    }
                })
                .build())) {
            h.submit("documents", Payload.of("files", 1));

            h.drain();

            assertEquals(List.of(Duration.ofSeconds(20)), h.sleeper.sleeps());
        }
    }

    @Test
    void permanentErrorsAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        try (Harness h = Harness.of(clock -> new SeedSteps(clock)
                .on("generate", ctx -> {
                    calls.incrementAndGet();
                    throw StepException.permanent("template_missing", "The report template is missing.");
                })
                .build())) {
            h.submit("documents", Payload.of("files", 1));

            h.drain();

            assertEquals(1, calls.get());
            assertTrue(h.sleeper.sleeps().isEmpty());
        }
    }

    @Test
    void partialResultsCompleteTheStepWithWarningsAndTheJobGoesOn() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock)
                .on("extract", ctx -> {
                    ctx.warn("scan-2.pdf could not be read; skipped");
                    ctx.put("extracted", 2);
                })
                .build())) {
            Job job = h.submit("documents", Payload.of("files", 3));

            h.drain();

            Job done = h.job(job.id());
            assertEquals(JobStatus.COMPLETED, done.status());
            assertEquals(List.of("scan-2.pdf could not be read; skipped"), done.steps().get(0).warnings());
            assertEquals(1L, h.audit.stream().filter(e -> e.type().equals("pipeline_extract_complete"))
                    .findFirst().orElseThrow().details().getLong("warnings", 0));
        }
    }

    @Test
    void aStepMarkedContinuePastFailureFailsWithoutStoppingTheStepsAfterIt() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock)
                .on("validate", ctx -> { throw StepException.permanent("invalid_totals", "Totals do not add up."); })
                .build())) {
            Job job = h.submit("documents", Payload.of("files", 1),
                    PipelineOptions.defaults().withContinuePastFailure(Set.of("validate")));

            h.drain();

            Job done = h.job(job.id());
            assertEquals(JobStatus.COMPLETED, done.status());
            assertEquals(StepStatus.FAILED, done.steps().get(3).status());
            assertEquals("invalid_totals", done.steps().get(3).error().orElseThrow().code());
            assertEquals(StepStatus.COMPLETED, done.steps().get(4).status());
        }
    }

    @Test
    void checkedExceptionsOfIoAreTransient() {
        AtomicInteger calls = new AtomicInteger();
        try (Harness h = Harness.of(clock -> new SeedSteps(clock)
                .on("extract", ctx -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new IOException("read timed out", new java.net.SocketTimeoutException("timeout"));
                    }
                })
                .build())) {
            Job job = h.submit("documents", Payload.of("files", 1));

            h.drain();

            assertEquals(JobStatus.COMPLETED, h.job(job.id()).status());
            assertEquals(2, calls.get());
        }
    }
}
