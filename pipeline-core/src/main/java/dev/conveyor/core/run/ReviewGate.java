package dev.conveyor.core.run;

import dev.conveyor.core.hooks.AuditTypes;
import dev.conveyor.model.AuditEvent;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Notification;
import dev.conveyor.model.Payload;
import dev.conveyor.model.ReviewDecision;
import dev.conveyor.model.ReviewItem;
import dev.conveyor.model.StepRecord;
import dev.conveyor.pipeline.StepDefinition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A review gate: open review items at or above the job's auto-approve threshold approve themselves; if any
 * remain, the job pauses as awaiting review and people are told.
 */
final class ReviewGate {

    private final PipelineRun run;

    ReviewGate(PipelineRun run) {
        this.run = run;
    }

    /** @return true when the job goes on past the gate */
    boolean pass(int i, StepDefinition step) {
        Job draft = run.draft();
        double threshold = draft.options().autoApproveAbove();
        List<ReviewItem> confident = draft.reviewItems().stream().filter(item -> item.confidence() >= threshold)
                .toList();
        List<ReviewItem> open = draft.reviewItems().stream().filter(item -> item.confidence() < threshold).toList();
        List<ReviewDecision> decisions = approveAll(draft, confident,
                String.format(Locale.ROOT, "auto-approved: confidence at or above %.2f", threshold));
        Instant now = run.ctx().clock().instant();
        StepRecord record = draft.steps().get(i);
        if (open.isEmpty()) {
            StepRecord passed = record.start(now).complete(now, Payload.of("auto_approved", confident.size(),
                    "approved", confident.size()).with("rejected", 0), List.of(), 0, 0, 0.0);
            Job next = draft.toBuilder().step(i, passed).reviewItems(List.of()).reviewDecisions(decisions).build();
            run.draft(next.toBuilder().progress(Progress.atLeast(draft, run.pipeline(), next.steps())).build());
            run.audit().happened(next, AuditTypes.stepComplete(step.name()),
                    () -> Payload.of("auto_approved", confident.size()));
            return true;
        }
        run.draft(draft.toBuilder().step(i, record.start(now)).status(JobStatus.AWAITING_REVIEW).processing(false)
                .currentStep(Optional.of(step.name())).reviewItems(open).reviewDecisions(decisions)
                .estimatedCompletionAt(Optional.empty()).build());
        Optional<AuditEvent> needed = run.audit().onNextWrite(run.draft(), AuditTypes.REVIEW_NEEDED,
                () -> Payload.of("step", step.name(), "items", open.size()).with("auto_approved", confident.size()));
        if (run.write(false)) {
            Job paused = run.job();
            run.audit().committed(needed);
            if (paused.options().notifyOnReview()) {
                run.ctx().hooks().notify(new Notification.ReviewNeeded(paused, open));
            }
        }
        return false;
    }

    /** The job's decisions plus an approval of each of {@code items}. */
    static List<ReviewDecision> approveAll(Job job, List<ReviewItem> items, String comment) {
        List<ReviewDecision> all = new ArrayList<>(job.reviewDecisions());
        items.forEach(item -> all.add(new ReviewDecision(item.id(), true, Optional.of(comment))));
        return all;
    }
}
