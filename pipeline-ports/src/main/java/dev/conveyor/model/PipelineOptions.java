package dev.conveyor.model;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How one job runs its pipeline: where to start, whether to skip review or re-process, notifications.
 *
 * @param startFrom           skip the steps before this one
 * @param skipReview          pass review gates without pausing (every open item approves itself)
 * @param forceReprocess      run steps again even when they completed before
 * @param autoApproveAbove    review items at or above this confidence approve themselves (0.70)
 * @param notifyOnReview      send the review-needed notification when a job pauses
 * @param continuePastFailure steps whose failure does not stop the steps after them (a generalised
 *                            "skip validation"); adds to the steps the pipeline marks so
 */
public record PipelineOptions(Optional<String> startFrom, boolean skipReview, boolean forceReprocess,
                              double autoApproveAbove, boolean notifyOnReview, Set<String> continuePastFailure) {

    public static final double DEFAULT_AUTO_APPROVE_ABOVE = 0.70;

    public PipelineOptions {
        Objects.requireNonNull(startFrom, "startFrom must not be null (use Optional.empty())");
        Objects.requireNonNull(continuePastFailure, "continuePastFailure must not be null");
        if (!(autoApproveAbove >= 0.0 && autoApproveAbove <= 1.0)) {
            throw new IllegalArgumentException("autoApproveAbove must be in [0, 1], got " + autoApproveAbove);
        }
        continuePastFailure = Set.copyOf(continuePastFailure);
    }

    public static PipelineOptions defaults() {
        return new PipelineOptions(Optional.empty(), false, false, DEFAULT_AUTO_APPROVE_ABOVE, true, Set.of());
    }

    public PipelineOptions withStartFrom(String step) {
        return new PipelineOptions(Optional.of(step), skipReview, forceReprocess, autoApproveAbove,
                notifyOnReview, continuePastFailure);
    }

    public PipelineOptions withoutStartFrom() {
        return new PipelineOptions(Optional.empty(), skipReview, forceReprocess, autoApproveAbove,
                notifyOnReview, continuePastFailure);
    }

    public PipelineOptions withSkipReview(boolean skip) {
        return new PipelineOptions(startFrom, skip, forceReprocess, autoApproveAbove, notifyOnReview,
                continuePastFailure);
    }

    public PipelineOptions withForceReprocess(boolean force) {
        return new PipelineOptions(startFrom, skipReview, force, autoApproveAbove, notifyOnReview,
                continuePastFailure);
    }

    public PipelineOptions withAutoApproveAbove(double threshold) {
        return new PipelineOptions(startFrom, skipReview, forceReprocess, threshold, notifyOnReview,
                continuePastFailure);
    }

    public PipelineOptions withNotifyOnReview(boolean notify) {
        return new PipelineOptions(startFrom, skipReview, forceReprocess, autoApproveAbove, notify,
                continuePastFailure);
    }

    public PipelineOptions withContinuePastFailure(Set<String> steps) {
        return new PipelineOptions(startFrom, skipReview, forceReprocess, autoApproveAbove, notifyOnReview,
                steps);
    }
}
