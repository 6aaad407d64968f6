package dev.conveyor.core;

import dev.conveyor.core.support.Harness;
import dev.conveyor.core.support.SeedSteps;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Notification;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.ReviewDecision;
import dev.conveyor.model.ReviewItem;
import dev.conveyor.model.StepStatus;
import dev.conveyor.port.in.Outcome;
import dev.conveyor.port.in.Rejection;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static dev.conveyor.core.support.Harness.ACME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A review gate pauses the job for the items a step was unsure of, and resume carries on with the decisions. */
class ReviewGateTest {

    private static Harness unsureClassifier(List<ReviewDecision> seenByValidate) {
        return Harness.of(clock -> new SeedSteps(clock)
                .on("classify", ctx -> {
                    ctx.requestReview("row-1", 0.95, "Revenue");
                    ctx.requestReview("row-2", 0.40, "Other income");
                    ctx.requestReview("row-3", 0.69, "Depreciation");
                })
                .on("validate", ctx -> seenByValidate.addAll(ctx.reviewDecisions()))
                .build());
    }

    @Test
    void itemsBelowTheThresholdPauseTheJobAwaitingReviewAndPeopleAreTold() {
        try (Harness h = unsureClassifier(new java.util.ArrayList<>())) {
            Job job = h.submit("documents", Payload.of("files", 1));

            h.drain();

            Job paused = h.job(job.id());
            assertEquals(JobStatus.AWAITING_REVIEW, paused.status());
            assertFalse(paused.processing());
            assertEquals(List.of("row-2", "row-3"), paused.reviewItems().stream().map(ReviewItem::id).toList());
            assertEquals(StepStatus.RUNNING, paused.steps().get(2).status());
            assertEquals(StepStatus.PENDING, paused.steps().get(3).status());
            assertEquals(60 - 10, paused.progress());
            assertEquals("awaiting_review", h.progress(job.id()).status());
            assertTrue(h.auditTypes().contains("pipeline_review_needed"));
            assertTrue(h.notifications.getLast() instanceof Notification.ReviewNeeded needed
                    && needed.items().size() == 2);
        }
    }

    @Test
    void resumeAppliesTheDecisionsAndRunsTheStepsAfterTheGate() {
        List<ReviewDecision> seen = new java.util.ArrayList<>();
        try (Harness h = unsureClassifier(seen)) {
            Job job = h.submit("documents", Payload.of("files", 1));
            h.drain();

            Outcome<Job> resumed = h.conveyor.resume(ACME, job.id(), List.of(ReviewDecision.approve("row-2"),
                    ReviewDecision.reject("row-3", "wrong category")));
            h.drain();

            assertTrue(resumed.isAccepted());
            Job done = h.job(job.id());
            assertEquals(JobStatus.COMPLETED, done.status());
            assertEquals(StepStatus.COMPLETED, done.steps().get(2).status());
            assertEquals(1L, done.steps().get(2).output().getLong("approved", -1));
            assertEquals(List.of("row-1", "row-2", "row-3"), seen.stream().map(ReviewDecision::itemId).toList(),
                    "validate sees the auto-approval and both human decisions");
            assertFalse(seen.get(2).approved());
            assertEquals(1, h.store.writesOf(job.id()).stream()
                    .filter(w -> w.steps().get(1).status() == StepStatus.RUNNING).count(),
                    "classify ran once only");
        }
    }

    @Test
    void resumeIsRefusedUnlessEveryOpenItemIsDecidedOnce() {
        try (Harness h = unsureClassifier(new java.util.ArrayList<>())) {
            Job job = h.submit("documents", Payload.of("files", 1));
            h.drain();

            assertInvalid(h.conveyor.resume(ACME, job.id(), List.of(ReviewDecision.approve("row-2"))), "row-3");
            assertInvalid(h.conveyor.resume(ACME, job.id(), List.of(ReviewDecision.approve("row-2"),
                    ReviewDecision.approve("row-3"), ReviewDecision.approve("row-9"))), "row-9");
            assertInvalid(h.conveyor.resume(ACME, job.id(), List.of(ReviewDecision.approve("row-2"),
                    ReviewDecision.approve("row-2"), ReviewDecision.approve("row-3"))), "row-2");
            assertEquals(JobStatus.AWAITING_REVIEW, h.job(job.id()).status(), "a refused resume changes nothing");
        }
    }

    @Test
    void resumeIsRefusedForAJobThatIsNotAwaitingReview() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock).build())) {
            Job job = h.submit("documents", Payload.of("files", 1));
            h.drain();

            Outcome<Job> resumed = h.conveyor.resume(ACME, job.id(), List.of());

            assertEquals(Rejection.Reason.WRONG_STATE, ((Outcome.Rejected<Job>) resumed).rejection().reason());
        }
    }

    @Test
    void itemsAtOrAboveTheThresholdApproveThemselvesAndTheJobGoesOn() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock)
                .on("classify", ctx -> ctx.requestReview("row-1", 0.70, "Revenue")).build())) {
            Job job = h.submit("documents", Payload.of("files", 1));

            h.drain();

            Job done = h.job(job.id());
            assertEquals(JobStatus.COMPLETED, done.status());
            assertTrue(done.reviewDecisions().getFirst().approved());
            assertFalse(h.auditTypes().contains("pipeline_review_needed"));
        }
    }

    @Test
    void skipReviewPassesTheGateApprovingEverythingAndMarksItSkipped() {
        try (Harness h = unsureClassifier(new java.util.ArrayList<>())) {
            Job job = h.submit("documents", Payload.of("files", 1), PipelineOptions.defaults().withSkipReview(true));

            h.drain();

            Job done = h.job(job.id());
            assertEquals(JobStatus.COMPLETED, done.status());
            assertEquals(StepStatus.SKIPPED, done.steps().get(2).status());
            assertEquals(3, done.reviewDecisions().stream().filter(ReviewDecision::approved).count());
        }
    }

    @Test
    void withoutNotifyOnReviewThePauseIsAuditedButNobodyIsNotified() {
        try (Harness h = unsureClassifier(new java.util.ArrayList<>())) {
            h.submit("documents", Payload.of("files", 1), PipelineOptions.defaults().withNotifyOnReview(false));

            h.drain();

            assertTrue(h.auditTypes().contains("pipeline_review_needed"));
            assertTrue(h.notifications.stream().noneMatch(n -> n instanceof Notification.ReviewNeeded));
        }
    }

    private static void assertInvalid(Outcome<Job> outcome, String named) {
        AtomicReference<Rejection> rejection = new AtomicReference<>();
        if (outcome instanceof Outcome.Rejected<Job> rejected) {
            rejection.set(rejected.rejection());
        }
        assertEquals(Rejection.Reason.INVALID, rejection.get() == null ? null : rejection.get().reason(),
                "expected a refusal naming " + named);
        assertTrue(rejection.get().message().contains(named), rejection.get().message());
    }
}
