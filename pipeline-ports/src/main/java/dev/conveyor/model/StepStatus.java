package dev.conveyor.model;

/** The state of one step of one job, as the seeds' {@code pipeline_steps} record it. */
public enum StepStatus {
    PENDING, RUNNING, COMPLETED, FAILED, SKIPPED;

    /** A step that is done for this run: its weight counts fully towards progress. */
    public boolean isDone() {
        return this == COMPLETED || this == SKIPPED;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
