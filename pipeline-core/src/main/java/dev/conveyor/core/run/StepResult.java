package dev.conveyor.core.run;

import dev.conveyor.model.UserError;

/** How running one step ended, all its attempts included. */
sealed interface StepResult {

    /** It succeeded; its output, warnings and review requests are in its context. */
    record Succeeded(int attempts) implements StepResult {
    }

    /** It failed for good: retries spent, or a permanent failure. {@code detail} is for the audit log only. */
    record Failed(UserError error, String detail, int attempts) implements StepResult {
    }

    /** It was told to stop: the job was cancelled, or this worker lost its lease. */
    record Stopped(String reason) implements StepResult {
    }
}
