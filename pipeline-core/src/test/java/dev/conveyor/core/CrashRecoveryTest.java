package dev.conveyor.core;

import dev.conveyor.core.store.InMemoryJobStore;
import dev.conveyor.core.support.Harness;
import dev.conveyor.core.support.SeedSteps;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.WorkerId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A worker that dies mid-step loses its lease; another worker resumes the job at that step. */
class CrashRecoveryTest {

    @Test
    void anExpiredLeaseIsTakenOverAndTheJobResumesAtTheStepThatWasRunning() throws Exception {
        InMemoryJobStore shared = new InMemoryJobStore();
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        CountDownLatch hung = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (Harness dying = new Harness(clock -> counting(new SeedSteps(clock), runs)
                .on("classify", ctx -> {
                    runs.computeIfAbsent("classify", s -> new AtomicInteger()).incrementAndGet();
                    hung.countDown();
                    release.await();
                }).build(), b -> b.workerId(new WorkerId("dying")), shared);
             Harness healthy = new Harness(clock -> counting(new SeedSteps(clock), runs).build(),
                     b -> b.workerId(new WorkerId("healthy")), shared)) {
            Job job = dying.submit("documents", Payload.of("files", 1));
            CompletableFuture<Integer> zombie = CompletableFuture.supplyAsync(dying::drain);
            assertTrue(hung.await(10, TimeUnit.SECONDS));

            healthy.advance(Duration.ofSeconds(31));
            int requeued = healthy.conveyor.maintenance().requeueExpired();
            healthy.drain();

            assertEquals(1, requeued);
            Job done = healthy.job(job.id());
            assertEquals(JobStatus.COMPLETED, done.status());
            assertEquals(1, runs.get("extract").get(), "the completed step is not run again");
            assertEquals(2, runs.get("classify").get(), "the interrupted step runs again");
            assertEquals(2, done.steps().get(1).attempts());
            assertEquals(1, runs.get("generate").get());

            release.countDown();
            zombie.get(10, TimeUnit.SECONDS);
            Job after = healthy.job(job.id());
            assertEquals(JobStatus.COMPLETED, after.status(), "the old worker's late result is discarded");
            assertEquals(done.version(), after.version());
            assertEquals(1, runs.get("validate").get());
            assertTrue(after.steps().stream().allMatch(s -> s.status() == StepStatus.COMPLETED));
            assertTrue(dying.auditTypes().contains("pipeline_lease_lost") || dying.auditTypes().stream()
                    .noneMatch(t -> t.equals("pipeline_complete")));
        }
    }

    private static SeedSteps counting(SeedSteps steps, Map<String, AtomicInteger> runs) {
        for (String step : new String[] {"extract", "classify", "validate", "generate"}) {
            steps.on(step, ctx -> runs.computeIfAbsent(step, s -> new AtomicInteger()).incrementAndGet());
        }
        return steps;
    }

}
