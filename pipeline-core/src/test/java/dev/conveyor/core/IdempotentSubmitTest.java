package dev.conveyor.core;

import dev.conveyor.core.support.Harness;
import dev.conveyor.core.support.SeedSteps;
import dev.conveyor.model.IdempotencyKey;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobQuery;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.port.in.Outcome;
import dev.conveyor.port.in.Rejection;
import dev.conveyor.port.in.SubmitJob;
import dev.conveyor.port.in.Submitted;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.conveyor.core.support.Harness.ACME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A submit retried with its idempotency key gets the job the first one created, never a second job. */
class IdempotentSubmitTest {

    private static final IdempotencyKey KEY = IdempotencyKey.of("upload-7f3a");

    private static SubmitJob documents(int files) {
        return SubmitJob.startNow(ACME, "documents", Payload.of("files", files)).withIdempotencyKey(KEY);
    }

    private static Harness harness() {
        return Harness.of(clock -> new SeedSteps(clock).build());
    }

    private static int jobCount(Harness h) {
        return h.conveyor.list(ACME, JobQuery.firstPage(JobQuery.MAX_LIMIT)).jobs().size();
    }

    @Test
    void theSameRequestAgainGetsTheFirstJobBackAsAReplay() {
        try (Harness h = harness()) {
            Submitted first = h.conveyor.submitOrReplay(documents(3)).orElseThrow();
            h.drain();
            Submitted again = h.conveyor.submitOrReplay(documents(3)).orElseThrow();

            assertFalse(first.replayed());
            assertTrue(again.replayed());
            assertEquals(first.job().id(), again.job().id());
            assertEquals(JobStatus.COMPLETED, again.job().status(), "the job as it stands now");
            assertEquals(1, jobCount(h));
            assertEquals(1, h.auditTypes().stream().filter("pipeline_queued"::equals).count(),
                    "a replay writes nothing");
        }
    }

    @Test
    void theSameKeyWithADifferentRequestIsAConflict() {
        try (Harness h = harness()) {
            Job first = h.conveyor.submit(documents(3)).orElseThrow();
            List<SubmitJob> different = List.of(documents(4),
                    new SubmitJob(ACME, "documents", Payload.of("files", 3), PipelineOptions.defaults()
                            .withSkipReview(true), true).withIdempotencyKey(KEY),
                    new SubmitJob(ACME, "documents", Payload.of("files", 3), PipelineOptions.defaults(), false)
                            .withIdempotencyKey(KEY));

            for (SubmitJob command : different) {
                Outcome<Job> outcome = h.conveyor.submit(command);

                Rejection rejection = assertInstanceOf(Outcome.Rejected.class, outcome).rejection();
                assertEquals(Rejection.Reason.IDEMPOTENCY_CONFLICT, rejection.reason());
                assertTrue(rejection.message().contains("upload-7f3a") && rejection.message()
                        .contains(first.id().toString()), rejection.message());
            }
            assertEquals(1, jobCount(h));
        }
    }

    @Test
    void theFingerprintIsCanonical() {
        SubmitJob ordered = SubmitJob.startNow(ACME, "documents", Payload.of("a", 1, "b", Map.of("x", 0.5, "y", "z")));
        SubmitJob reordered = SubmitJob.startNow(ACME, "documents", Payload.of("b", Map.of("y", "z", "x", 0.50),
                "a", 1.0));

        assertEquals(ordered.fingerprint(), reordered.fingerprint(), "key order and 1 vs 1.0 do not matter");
        assertTrue(ordered.fingerprint().startsWith("v1:"));
        assertNotEquals(ordered.fingerprint(), SubmitJob.startNow(ACME, "documents",
                Payload.of("a", 1, "b", Map.of("x", 0.5, "y", "Z"))).fingerprint());
        assertNotEquals(ordered.fingerprint(), SubmitJob.startNow(ACME, "other", ordered.input()).fingerprint());
        assertEquals(ordered.fingerprint(), new SubmitJob(ACME, "documents", ordered.input(),
                PipelineOptions.defaults().withContinuePastFailure(Set.of()), true).fingerprint());
    }

    @Test
    void inOneBatchTheSameKeyTwiceIsOneSubmission() {
        try (Harness h = harness()) {
            List<Outcome<Submitted>> outcomes = h.conveyor.submitAllOrReplay(List.of(documents(3),
                    SubmitJob.startNow(ACME, "documents", Payload.of("files", 1)), documents(3), documents(5)));

            Submitted first = outcomes.get(0).orElseThrow();
            assertFalse(first.replayed());
            assertFalse(outcomes.get(1).orElseThrow().replayed());
            assertEquals(first.job().id(), outcomes.get(2).orElseThrow().job().id());
            assertTrue(outcomes.get(2).orElseThrow().replayed());
            assertEquals(Rejection.Reason.IDEMPOTENCY_CONFLICT,
                    assertInstanceOf(Outcome.Rejected.class, outcomes.get(3)).rejection().reason());
            assertEquals(2, jobCount(h));
            assertEquals(2, h.drain());
        }
    }

    @Test
    void aKeyExpiresWithItsJob() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock).build(), b -> b.ttl(Duration.ofHours(1)))) {
            Job first = h.conveyor.submit(documents(3)).orElseThrow();
            h.drain();
            h.advance(Duration.ofHours(2));
            assertEquals(1, h.conveyor.cleanUp());

            Submitted fresh = h.conveyor.submitOrReplay(documents(4)).orElseThrow();

            assertFalse(fresh.replayed(), "the key was freed with its job");
            assertNotEquals(first.id(), fresh.job().id());
        }
    }

    @Test
    void keysAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> IdempotencyKey.of(""));
        assertThrows(IllegalArgumentException.class, () -> IdempotencyKey.of("x".repeat(256)));
        assertThrows(IllegalArgumentException.class, () -> IdempotencyKey.of("tab\there"));
        assertThrows(IllegalArgumentException.class, () -> IdempotencyKey.of("caf\u00e9"));
        assertEquals("x".repeat(255), IdempotencyKey.of("x".repeat(255)).value());
        assertEquals("order 42/a:b~", IdempotencyKey.of("order 42/a:b~").value());
    }

    @Test
    void ofSixteenConcurrentSubmitsWithOneKeyExactlyOneCreatesTheJob() throws Exception {
        try (Harness h = harness()) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Submitted>> answers = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return h.conveyor.submitOrReplay(documents(3)).orElseThrow();
                    }));
                }
                go.countDown();
                Set<Object> ids = new HashSet<>();
                int created = 0;
                for (Future<Submitted> answer : answers) {
                    Submitted submitted = answer.get(30, TimeUnit.SECONDS);
                    ids.add(submitted.job().id());
                    created += submitted.replayed() ? 0 : 1;
                }

                assertEquals(1, ids.size());
                assertEquals(1, created);
                assertEquals(1, jobCount(h));
                assertEquals(1, h.drain());
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
