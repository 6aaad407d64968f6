package dev.conveyor.core;

import dev.conveyor.core.support.Harness;
import dev.conveyor.core.support.SeedSteps;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Notification;
import dev.conveyor.model.Payload;
import dev.conveyor.model.ProgressView;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.conveyor.core.support.Harness.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A job goes through the seeds' five steps to completed, and every poll along the way tells the truth. */
class HappyPathTest {

    @Test
    void aJobRunsEveryStepInOrderToCompletedWithItsDurations() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock)
                .on("extract", ctx -> { clock.advance(Duration.ofMillis(2500)); ctx.put("pages", 12); })
                .on("classify", ctx -> { clock.advance(Duration.ofSeconds(3)); ctx.addCost(0.003); })
                .build())) {
            Job job = h.submit("documents", Payload.of("files", 1));

            h.drain();

            Job done = h.job(job.id());
            assertEquals(JobStatus.COMPLETED, done.status());
            assertFalse(done.processing());
            assertEquals(100, done.progress());
            assertEquals(List.of(StepStatus.COMPLETED, StepStatus.COMPLETED, StepStatus.COMPLETED,
                    StepStatus.COMPLETED, StepStatus.COMPLETED), done.steps().stream().map(StepRecord::status).toList());
            assertEquals(Optional.of(2500L), done.steps().get(0).durationMs());
            assertEquals(Optional.of(3000L), done.steps().get(1).durationMs());
            assertEquals(Optional.of(T0), done.steps().get(0).startedAt());
            assertEquals(12L, done.steps().get(0).output().getLong("pages", 0));
            assertEquals(0.003, done.costUsd(), 1e-12);
            assertTrue(done.error().isEmpty());
        }
    }

    @Test
    void everyStepGoesFromPendingToRunningToCompletedAndProgressOnlyRises() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock).build())) {
            Job job = h.submit("documents", Payload.of("files", 2));

            h.drain();

            List<Job> writes = h.store.writesOf(job.id());
            for (int step : List.of(0, 1, 3, 4)) {
                List<StepStatus> seen = distinctInOrder(writes, step);
                assertEquals(List.of(StepStatus.PENDING, StepStatus.RUNNING, StepStatus.COMPLETED), seen,
                        "step " + step + " went through " + seen);
            }
            assertEquals(List.of(StepStatus.PENDING, StepStatus.COMPLETED), distinctInOrder(writes, 2),
                    "a review gate with nothing to review passes at once");
            List<Integer> progress = h.store.progressSeen(job.id());
            assertEquals(0, progress.getFirst());
            assertEquals(100, progress.getLast());
            for (int i = 1; i < progress.size(); i++) {
                assertTrue(progress.get(i) >= progress.get(i - 1), "progress went down: " + progress);
            }
        }
    }

    @Test
    void thePollShowsTheRunningStepItsStartAndTheSeedsStatusName() {
        List<ProgressView> polls = new ArrayList<>();
        try (Harness h = pollingHarness(polls)) {
            Job job = h.submit("documents", Payload.of("files", 1));
            h.drain();
            ProgressView during = polls.getFirst();
            assertEquals("classifying", during.status());
            assertEquals(Optional.of("classify"), during.currentStep());
            assertEquals(StepStatus.COMPLETED, during.steps().get(0).status());
            assertEquals(StepStatus.RUNNING, during.steps().get(1).status());
            assertTrue(during.steps().get(1).startedAt().isPresent());
            assertTrue(during.isProcessing());
            assertEquals(25, during.pipelineProgress());
            assertTrue(during.estimatedRemainingSeconds().isPresent());

            ProgressView after = h.progress(job.id());
            assertEquals("completed", after.status());
            assertFalse(after.isProcessing());
            assertEquals(100, after.pipelineProgress());
            assertEquals(Optional.empty(), after.estimatedRemainingSeconds());
        }
    }

    @Test
    void completionIsAuditedWithDurationAndCostAndAnnouncedAsReady() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock)
                .on("generate", ctx -> { clock.advance(Duration.ofSeconds(1)); ctx.addCost(0.25); }).build())) {
            Job job = h.submit("documents", Payload.of("files", 1));

            h.drain();

            assertEquals(List.of("pipeline_queued", "pipeline_start", "pipeline_extract_start",
                    "pipeline_extract_complete", "pipeline_classify_start", "pipeline_classify_complete",
                    "pipeline_review_complete", "pipeline_validate_start", "pipeline_validate_complete",
                    "pipeline_generate_start", "pipeline_generate_complete", "pipeline_complete"), h.auditTypes());
            var complete = h.audit.getLast().details();
            assertEquals(4000L, complete.getLong("duration_ms", -1));
            assertEquals(0.25, complete.getDouble("cost_usd", -1), 1e-12);
            assertTrue(h.notifications.getLast() instanceof Notification.Ready ready
                    && ready.job().id().equals(job.id()));
        }
    }

    private static Harness pollingHarness(List<ProgressView> polls) {
        Harness[] holder = new Harness[1];
        holder[0] = Harness.of(clock -> new SeedSteps(clock)
                .on("classify", ctx -> polls.add(holder[0].progress(ctx.jobId()))).build());
        return holder[0];
    }

    private static List<StepStatus> distinctInOrder(List<Job> writes, int step) {
        List<StepStatus> seen = new ArrayList<>();
        for (Job write : writes) {
            StepStatus status = write.steps().get(step).status();
            if (seen.isEmpty() || seen.getLast() != status) {
                seen.add(status);
            }
        }
        return seen;
    }
}
