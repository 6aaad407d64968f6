package dev.conveyor.core;

import dev.conveyor.core.support.Harness;
import dev.conveyor.core.support.SeedSteps;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.port.in.SubmitJob;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.conveyor.core.support.Harness.ACME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine settings every executable reads from its environment, and the errors a bad value gets. */
class EnvironmentSettingsTest {

    @Test
    void conveyorLeaseSetsTheLeaseAClaimTakes() throws Exception {
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (Harness h = Harness.of(clock -> new SeedSteps(clock).on("extract", ctx -> {
            inStep.countDown();
            release.await();
        }).build(), b -> b.environment(Map.of("CONVEYOR_LEASE", "5s")))) {
            Job job = h.submit("documents", Payload.of("files", 1));
            CompletableFuture<Integer> running = CompletableFuture.supplyAsync(h::drain);
            assertTrue(inStep.await(10, TimeUnit.SECONDS));

            assertEquals(h.clock.instant().plusSeconds(5), h.job(job.id()).lease().orElseThrow().expiresAt());
            release.countDown();
            running.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void conveyorTtlAndIdleTtlSetHowLongJobsAreKept() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock).build(),
                b -> b.environment(Map.of("CONVEYOR_TTL", "1h", "CONVEYOR_IDLE_TTL", "2d")))) {
            Job done = h.submit("documents", Payload.of("files", 1));
            h.drain();
            Job created = h.conveyor.submit(new SubmitJob(ACME, "documents", Payload.of("files", 1),
                    PipelineOptions.defaults(), false)).orElseThrow();

            h.advance(Duration.ofMinutes(61));
            assertEquals(1, h.conveyor.cleanUp());
            assertTrue(h.conveyor.job(ACME, done.id()).isEmpty());
            h.advance(Duration.ofDays(2));
            assertEquals(1, h.conveyor.cleanUp());
            assertTrue(h.conveyor.job(ACME, created.id()).isEmpty());
        }
    }

    @Test
    void conveyorMaxWorkerLossesSetsTheDefaultLimit() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock).on("extract", ctx -> {
            throw new OutOfMemoryError("played");
        }).build(), b -> b.environment(Map.of("CONVEYOR_MAX_WORKER_LOSSES", "1")))) {
            Job job = h.submit("documents", Payload.of("files", 1));
            assertThrows(OutOfMemoryError.class, h::drain);
            h.advance(Duration.ofSeconds(31));
            h.conveyor.maintenance().requeueExpired();
            h.drain();

            assertEquals(JobStatus.FAILED, h.job(job.id()).status());
            assertEquals("worker_lost", h.job(job.id()).error().orElseThrow().code());
        }
    }

    @Test
    void blankSettingsAreNoSettingsAndBadOnesAreNamed() {
        Conveyor.builder().environment(Map.of("CONVEYOR_LEASE", " ", "CONVEYOR_TTL", ""));
        assertEquals("CONVEYOR_LEASE: 'soon' is not a duration; write e.g. 500ms, 30s, 1.5m, 2h, 7d or PT30S",
                bad(Map.of("CONVEYOR_LEASE", "soon")));
        assertEquals("CONVEYOR_TTL: must be more than 0, got '0s'", bad(Map.of("CONVEYOR_TTL", "0s")));
        assertTrue(bad(Map.of("CONVEYOR_IDLE_TTL", "a month")).startsWith("CONVEYOR_IDLE_TTL: "));
        assertTrue(bad(Map.of("CONVEYOR_STEP_TIMEOUT", "x")).startsWith("CONVEYOR_STEP_TIMEOUT: "));
        assertEquals("CONVEYOR_MAX_WORKER_LOSSES: must be a whole number, got 'three'",
                bad(Map.of("CONVEYOR_MAX_WORKER_LOSSES", "three")));
        assertEquals("CONVEYOR_MAX_WORKER_LOSSES: must be at least 1, got 0",
                bad(Map.of("CONVEYOR_MAX_WORKER_LOSSES", "0")));
    }

    private static String bad(Map<String, String> env) {
        return assertThrows(IllegalArgumentException.class, () -> Conveyor.builder().environment(env)).getMessage();
    }
}
