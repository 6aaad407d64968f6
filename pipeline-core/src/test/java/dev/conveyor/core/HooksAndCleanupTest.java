package dev.conveyor.core;

import dev.conveyor.core.support.Harness;
import dev.conveyor.core.support.SeedSteps;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.ReviewDecision;
import dev.conveyor.pipeline.StepException;
import dev.conveyor.port.in.SubmitJob;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.conveyor.core.support.Harness.ACME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hooks are fire-and-forget; finished jobs are removed after their time to live. */
class HooksAndCleanupTest {

    @Test
    void throwingAuditAndNotificationHooksHarmNothing() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock)
                        .on("classify", ctx -> ctx.requestReview("row-1", 0.1, "Revenue")).build(),
                b -> b.audit(event -> { throw new IllegalStateException("audit database down"); })
                        .notifications(n -> { throw new LinkageError("mail library missing"); }))) {
            Job job = h.submit("documents", Payload.of("files", 1));
            h.drain();
            h.conveyor.resume(ACME, job.id(), List.of(ReviewDecision.approve("row-1"))).orElseThrow();

            h.drain();

            assertEquals(JobStatus.COMPLETED, h.job(job.id()).status());
            assertTrue(h.auditTypes().contains("pipeline_complete"), "the other hooks still got every event");
        }
    }

    @Test
    void finishedJobsOlderThanTheTtlAreRemovedAndOthersKept() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock)
                        .on("extract", ctx -> {
                            if (ctx.input().getBoolean("broken", false)) {
                                throw StepException.permanent("invalid_file", "Bad file.");
                            }
                        })
                        .on("classify", ctx -> {
                            if (ctx.input().getBoolean("unsure", false)) {
                                ctx.requestReview("x", 0.2, "?");
                            }
                        }).build(),
                b -> b.ttl(Duration.ofHours(1)).idleTtl(Duration.ofHours(5)))) {
            Job completed = h.submit("documents", Payload.of("files", 1));
            Job failed = h.submit("documents", Payload.of("files", 1, "broken", true));
            Job paused = h.submit("documents", Payload.of("files", 1, "unsure", true));
            h.drain();
            Job created = h.conveyor.submit(new SubmitJob(ACME, "documents", Payload.of("files", 1),
                    PipelineOptions.defaults(), false)).orElseThrow();

            h.advance(Duration.ofMinutes(59));
            assertEquals(0, h.conveyor.cleanUp(), "nothing is old enough yet");
            h.advance(Duration.ofMinutes(2));
            int removed = h.conveyor.cleanUp();

            assertEquals(2, removed);
            assertTrue(h.conveyor.job(ACME, completed.id()).isEmpty());
            assertTrue(h.conveyor.job(ACME, failed.id()).isEmpty());
            assertTrue(h.conveyor.job(ACME, paused.id()).isPresent(), "a job awaiting review is not finished");
            assertTrue(h.conveyor.job(ACME, created.id()).isPresent());

            h.advance(Duration.ofHours(4));
            assertEquals(2, h.conveyor.cleanUp(), "past the idle TTL, jobs waiting on someone go too");
            assertTrue(h.conveyor.job(ACME, paused.id()).isEmpty());
            assertTrue(h.conveyor.job(ACME, created.id()).isEmpty());
        }
    }
}
