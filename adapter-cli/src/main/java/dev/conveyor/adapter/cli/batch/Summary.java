package dev.conveyor.adapter.cli.batch;

import dev.conveyor.model.JobId;
import dev.conveyor.model.UserError;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a batch run did, for the table at its end or {@code --json}.
 *
 * @param alreadyDone items an earlier run had completed
 * @param unfinished  items left queued or handed back (after an interrupt), or never submitted
 */
public record Summary(String pipeline, int items, int completed, int alreadyDone, int failed, int cancelled,
                      int awaitingReview, int unfinished, boolean interrupted, Duration elapsed, double costUsd,
                      List<StepStats> steps, List<FailureGroup> failures, List<ItemWarning> warnings,
                      List<ItemOutcome> outcomes) {

    public static final int ALL_COMPLETED = 0;
    public static final int SOME_FAILED = 1;
    public static final int INTERRUPTED = 130;

    public Summary {
        steps = List.copyOf(steps);
        failures = List.copyOf(failures);
        warnings = List.copyOf(warnings);
        outcomes = List.copyOf(outcomes);
    }

    /** Timings of one step over the attempts that ran in this run, in milliseconds. */
    public record StepStats(String name, int ran, int failed, Optional<Long> p50Ms, Optional<Long> p95Ms) {
    }

    /** Items that failed with the same error code. */
    public record FailureGroup(String code, String message, List<ItemOutcome> items) {
        public FailureGroup {
            items = List.copyOf(items);
        }
    }

    public record ItemWarning(Item item, String step, String message) {
    }

    /** @param status the job's status on the wire ({@code completed}, {@code failed}…), or {@code not_started} */
    public record ItemOutcome(Item item, Optional<JobId> job, String status, Optional<UserError> error) {
    }

    /** 0 when every item completed, 130 when interrupted, 1 otherwise. */
    public int exitCode() {
        if (interrupted) {
            return INTERRUPTED;
        }
        return completed + alreadyDone == items ? ALL_COMPLETED : SOME_FAILED;
    }

    public double itemsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        int ran = items - alreadyDone - unfinished;
        return seconds <= 0 ? 0 : ran / seconds;
    }
}
