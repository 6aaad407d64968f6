package dev.conveyor.model;

/**
 * The lifecycle of a job:
 * {@code created → queued → running → awaiting_review → queued → running → completed},
 * or {@code failed} (resumable with retry) or {@code cancelled}.
 */
public enum JobStatus {
    /** Submitted with its input, not yet started. */
    CREATED,
    /** Started and waiting for a worker to claim it. */
    QUEUED,
    /** A worker holds its lease and runs its current step. */
    RUNNING,
    /** Paused at a review gate until a human resumes it. */
    AWAITING_REVIEW,
    COMPLETED,
    /** Stopped at a step; retry resumes from that step. */
    FAILED,
    CANCELLED;

    /** Finished jobs are the ones TTL cleanup may remove. */
    public boolean isFinished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** The lower-case name used on the wire: {@code awaiting_review}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
