package dev.conveyor.core;

import dev.conveyor.core.support.Harness;
import dev.conveyor.core.support.SeedSteps;
import dev.conveyor.core.time.Sleeper;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.pipeline.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A step attempt that outlives its timeout is interrupted, retried as transient, and reported as too slow. */
class TimeoutTest {

    @Test
    void aStepThatKeepsTimingOutFailsWithATookTooLongMessageAfterItsRetries() {
        AtomicInteger attempts = new AtomicInteger();
        try (Harness h = Harness.of(clock -> new SeedSteps(clock)
                .on("extract", ctx -> {
                    attempts.incrementAndGet();
                    Thread.sleep(60_000);
                })
                .tweak("extract", d -> d.timeout(Duration.ofSeconds(30)).retry(RetryPolicy.defaults().withJitter(0)))
                .build())) {
            Job job = h.submit("documents", Payload.of("files", 1));

            h.drain();

            Job failed = h.job(job.id());
            assertEquals(JobStatus.FAILED, failed.status());
            assertEquals(3, attempts.get());
            assertEquals("step_timeout", failed.error().orElseThrow().code());
            String message = failed.error().orElseThrow().message();
            assertTrue(message.contains("took too long") && message.contains("30 s"), message);
            assertTrue(h.sleeper.sleeps().contains(Duration.ofSeconds(1)), "retried with back-off");
            assertTrue(!Thread.currentThread().isInterrupted(), "no interrupt leaks out of the step");
        }
    }

    @Test
    void aTimedOutAttemptThatSucceedsOnRetryCompletesTheJob() {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger timeouts = new AtomicInteger();
        // The first attempt's timeout fires at once; later ones wait (until the quick attempt cancels them).
        Sleeper firstTimeoutFires = duration -> {
            if (duration.equals(Duration.ofSeconds(30)) && timeouts.incrementAndGet() > 1) {
                Thread.sleep(60_000);
            }
        };
        try (Harness h = Harness.of(clock -> new SeedSteps(clock)
                .on("extract", ctx -> {
                    if (attempts.incrementAndGet() == 1) {
                        Thread.sleep(60_000);
                    }
                })
                .tweak("extract", d -> d.timeout(Duration.ofSeconds(30)))
                .build(), b -> b.sleeper(firstTimeoutFires))) {
            Job job = h.submit("documents", Payload.of("files", 1));

            h.drain();

            assertEquals(JobStatus.COMPLETED, h.job(job.id()).status());
            assertEquals(2, attempts.get());
        }
    }

    @Test
    void aStepThatFinishesWithinItsTimeoutIsNotDisturbed() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock)
                .tweak("extract", d -> d.timeout(Duration.ofSeconds(30))).build(),
                b -> b.sleeper(Sleeper.system()))) {
            Job job = h.submit("documents", Payload.of("files", 1));

            h.drain();

            Job done = h.job(job.id());
            assertEquals(JobStatus.COMPLETED, done.status());
            assertEquals(1, done.steps().get(0).attempts());
        }
    }
}
