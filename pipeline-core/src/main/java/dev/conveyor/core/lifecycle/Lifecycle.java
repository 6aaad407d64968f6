package dev.conveyor.core.lifecycle;

import dev.conveyor.model.JobStatus;
import dev.conveyor.model.StepStatus;

/** The allowed state changes of jobs and steps, as one exhaustive table each. */
public final class Lifecycle {

    private Lifecycle() {
    }

    public static boolean isAllowed(JobStatus from, JobStatus to) {
        return switch (from) {
            case CREATED -> to == JobStatus.QUEUED || to == JobStatus.CANCELLED;
            case QUEUED -> to == JobStatus.RUNNING || to == JobStatus.CANCELLED;
            case RUNNING -> to == JobStatus.RUNNING || to == JobStatus.AWAITING_REVIEW || to == JobStatus.COMPLETED
                    || to == JobStatus.FAILED || to == JobStatus.CANCELLED || to == JobStatus.QUEUED;
            case AWAITING_REVIEW -> to == JobStatus.QUEUED || to == JobStatus.CANCELLED;
            case FAILED -> to == JobStatus.QUEUED || to == JobStatus.CANCELLED;
            case COMPLETED, CANCELLED -> to == JobStatus.QUEUED;
        };
    }

    public static boolean isAllowed(StepStatus from, StepStatus to) {
        return switch (from) {
            case PENDING -> to == StepStatus.RUNNING || to == StepStatus.SKIPPED;
            case RUNNING -> to == StepStatus.RUNNING || to == StepStatus.COMPLETED || to == StepStatus.FAILED
                    || to == StepStatus.PENDING;
            case COMPLETED, SKIPPED -> to == StepStatus.PENDING;
            case FAILED -> to == StepStatus.PENDING || to == StepStatus.RUNNING;
        };
    }

    /** @throws IllegalTransitionException naming both states when the change is not allowed */
    public static JobStatus check(JobStatus from, JobStatus to) {
        if (!isAllowed(from, to)) {
            throw new IllegalTransitionException("job", from, to);
        }
        return to;
    }

    /** @throws IllegalTransitionException naming both states when the change is not allowed */
    public static StepStatus check(StepStatus from, StepStatus to) {
        if (!isAllowed(from, to)) {
            throw new IllegalTransitionException("step", from, to);
        }
        return to;
    }
}
