package dev.conveyor.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of a pipeline over one input, owned by a tenant: what a store keeps and a poll reads.
 *
 * @param currentStep           the step running now, or where the job paused or failed
 * @param progress              overall progress 0–100 by step weights; never decreases within a run
 * @param processing            true from start until the run stops (completed, failed, paused, cancelled)
 * @param estimatedCompletionAt when the run is expected to finish, as last computed by the worker
 * @param reviewItems           items awaiting a human's decision (while {@link JobStatus#AWAITING_REVIEW})
 * @param reviewDecisions       the decisions given on resume, visible to the steps after the gate
 * @param lease                 the worker running it, while {@link JobStatus#RUNNING}
 * @param cancelRequested       a cancel was asked for while a worker ran it; the worker finishes it
 * @param idempotency           the idempotency key it was submitted under, with its request's fingerprint
 * @param workerLosses          how many times in a row the running step's worker was lost (its lease expired: it
 *                              died, say out of memory or by a native crash); the job fails as {@code worker_lost}
 *                              at its pipeline's limit rather than take down worker after worker. Cleared when a
 *                              step ends and by retry
 * @param version               optimistic-concurrency version, incremented by every full update
 */
public record Job(JobId id, TenantId tenant, String pipeline, Payload input, PipelineOptions options,
                  Optional<Idempotency> idempotency, JobStatus status, List<StepRecord> steps,
                  Optional<String> currentStep, int progress,
                  boolean processing, Optional<UserError> error, double costUsd,
                  Optional<Instant> estimatedCompletionAt, List<ReviewItem> reviewItems,
                  List<ReviewDecision> reviewDecisions, Optional<Lease> lease, boolean cancelRequested,
                  int workerLosses, Instant createdAt, Instant updatedAt, Optional<Instant> startedAt,
                  Optional<Instant> finishedAt, long version) {

    /**
     * The input key naming the one thing a job is for (a file's path, a URL, an id), when it has one. A batch
     * of items submits one job per item under this key, and finds an item's earlier jobs by it.
     */
    public static final String ITEM = "item";

    public Job {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(tenant, "tenant must not be null");
        Objects.requireNonNull(pipeline, "pipeline must not be null");
        Objects.requireNonNull(input, "input must not be null");
        Objects.requireNonNull(options, "options must not be null");
        Objects.requireNonNull(idempotency, "idempotency must not be null (use Optional.empty())");
        Objects.requireNonNull(status, "status must not be null");
        Objects.requireNonNull(currentStep, "currentStep must not be null");
        Objects.requireNonNull(error, "error must not be null");
        Objects.requireNonNull(estimatedCompletionAt, "estimatedCompletionAt must not be null");
        Objects.requireNonNull(lease, "lease must not be null");
        Objects.requireNonNull(createdAt, "createdAt must not be null");
        Objects.requireNonNull(updatedAt, "updatedAt must not be null");
        Objects.requireNonNull(startedAt, "startedAt must not be null");
        Objects.requireNonNull(finishedAt, "finishedAt must not be null");
        if (progress < 0 || progress > 100) {
            throw new IllegalArgumentException("progress must be in [0, 100], got " + progress);
        }
        if (!(costUsd >= 0.0) || Double.isInfinite(costUsd)) {
            throw new IllegalArgumentException("cost must be a finite number >= 0, got " + costUsd);
        }
        if (workerLosses < 0) {
            throw new IllegalArgumentException("workerLosses must not be negative, got " + workerLosses);
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative, got " + version);
        }
        steps = List.copyOf(steps);
        reviewItems = List.copyOf(reviewItems);
        reviewDecisions = List.copyOf(reviewDecisions);
    }

    /** A new job, created but not started, with every step pending. */
    public static Job create(JobId id, TenantId tenant, String pipeline, List<String> stepNames, Payload input,
                             PipelineOptions options, Instant now) {
        return new Job(id, tenant, pipeline, input, options, Optional.empty(), JobStatus.CREATED,
                stepNames.stream().map(StepRecord::pending).toList(), Optional.empty(), 0, false,
                Optional.empty(), 0.0, Optional.empty(), List.of(), List.of(), Optional.empty(), false, 0, now, now,
                Optional.empty(), Optional.empty(), 0);
    }

    public Optional<StepRecord> step(String name) {
        for (StepRecord step : steps) {
            if (step.name().equals(name)) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    public int indexOf(String stepName) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).name().equals(stepName)) {
                return i;
            }
        }
        return -1;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Copies a job with some fields changed: the way every transition is written. */
    public static final class Builder {
        private final Job from;
        private Optional<Idempotency> idempotency;
        private JobStatus status;
        private List<StepRecord> steps;
        private Optional<String> currentStep;
        private int progress;
        private boolean processing;
        private Optional<UserError> error;
        private double costUsd;
        private Optional<Instant> estimatedCompletionAt;
        private List<ReviewItem> reviewItems;
        private List<ReviewDecision> reviewDecisions;
        private Optional<Lease> lease;
        private boolean cancelRequested;
        private int workerLosses;
        private PipelineOptions options;
        private Instant updatedAt;
        private Optional<Instant> startedAt;
        private Optional<Instant> finishedAt;
        private long version;

        private Builder(Job job) {
            this.from = job;
            this.idempotency = job.idempotency;
            this.status = job.status;
            this.steps = job.steps;
            this.currentStep = job.currentStep;
            this.progress = job.progress;
            this.processing = job.processing;
            this.error = job.error;
            this.costUsd = job.costUsd;
            this.estimatedCompletionAt = job.estimatedCompletionAt;
            this.reviewItems = job.reviewItems;
            this.reviewDecisions = job.reviewDecisions;
            this.lease = job.lease;
            this.cancelRequested = job.cancelRequested;
            this.workerLosses = job.workerLosses;
            this.options = job.options;
            this.updatedAt = job.updatedAt;
            this.startedAt = job.startedAt;
            this.finishedAt = job.finishedAt;
            this.version = job.version;
        }

        public Builder status(JobStatus value) { this.status = value; return this; }
        public Builder steps(List<StepRecord> value) { this.steps = value; return this; }
        public Builder currentStep(Optional<String> value) { this.currentStep = value; return this; }
        public Builder progress(int value) { this.progress = value; return this; }
        public Builder processing(boolean value) { this.processing = value; return this; }
        public Builder error(Optional<UserError> value) { this.error = value; return this; }
        public Builder costUsd(double value) { this.costUsd = value; return this; }
        public Builder estimatedCompletionAt(Optional<Instant> value) { this.estimatedCompletionAt = value; return this; }
        public Builder reviewItems(List<ReviewItem> value) { this.reviewItems = value; return this; }
        public Builder reviewDecisions(List<ReviewDecision> value) { this.reviewDecisions = value; return this; }
        public Builder lease(Optional<Lease> value) { this.lease = value; return this; }
        public Builder cancelRequested(boolean value) { this.cancelRequested = value; return this; }
        public Builder workerLosses(int value) { this.workerLosses = value; return this; }
        public Builder options(PipelineOptions value) { this.options = value; return this; }
        public Builder updatedAt(Instant value) { this.updatedAt = value; return this; }
        public Builder startedAt(Optional<Instant> value) { this.startedAt = value; return this; }
        public Builder finishedAt(Optional<Instant> value) { this.finishedAt = value; return this; }
        public Builder version(long value) { this.version = value; return this; }

        /** The key a new job is submitted under; set once, when the job is created. */
        public Builder idempotency(Optional<Idempotency> value) { this.idempotency = value; return this; }

        public Builder step(int index, StepRecord value) {
            var copy = new java.util.ArrayList<>(steps);
            copy.set(index, value);
            this.steps = copy;
            return this;
        }

        public Job build() {
            return new Job(from.id, from.tenant, from.pipeline, from.input, options, idempotency, status, steps,
                    currentStep, progress, processing, error, costUsd, estimatedCompletionAt, reviewItems,
                    reviewDecisions, lease, cancelRequested, workerLosses, from.createdAt, updatedAt, startedAt,
                    finishedAt, version);
        }
    }
}
