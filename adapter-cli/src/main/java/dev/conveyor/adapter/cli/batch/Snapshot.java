package dev.conveyor.adapter.cli.batch;

import dev.conveyor.model.UserError;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a batch stands at one moment: what a display shows.
 *
 * @param alreadyDone items an earlier run completed, skipped in this one
 * @param notStarted  items whose job could not be started (the store refused it)
 * @param running     per step, the items in it now
 * @param passed      per step, the items that have got past it (completed or skipped it)
 * @param finished    items that settled since the previous snapshot
 */
public record Snapshot(String pipeline, List<String> steps, int total, int alreadyDone, int completed, int failed,
                       int cancelled, int awaitingReview, int notStarted, int queued, Map<String, Integer> running,
                       Map<String, Integer> passed, double costUsd, Duration elapsed, Optional<Duration> eta,
                       List<Finished> finished) {

    public Snapshot {
        steps = List.copyOf(steps);
        running = Map.copyOf(running);
        passed = Map.copyOf(passed);
        finished = List.copyOf(finished);
    }

    /** An item that settled: completed, failed, cancelled, awaiting review or not started. */
    public record Finished(Item item, String outcome, Optional<UserError> error, List<String> warnings) {
    }

    /** Items settled in any way, including those done before this run. */
    public int settled() {
        return alreadyDone + completed + failed + cancelled + awaitingReview + notStarted;
    }

    public int settledThisRun() {
        return settled() - alreadyDone;
    }

    /** Settled items per second in this run. */
    public double throughput() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : settledThisRun() / seconds;
    }

    public int percent() {
        return total == 0 ? 100 : (int) Math.floor(100.0 * settled() / total);
    }
}
