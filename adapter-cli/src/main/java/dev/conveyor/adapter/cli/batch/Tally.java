package dev.conveyor.adapter.cli.batch;

import dev.conveyor.model.Job;
import dev.conveyor.model.StepRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts of a batch's items by where they stand, summed item by item: what a {@link Snapshot} shows. */
final class Tally {

    int alreadyDone;
    int completed;
    int failed;
    int cancelled;
    int awaiting;
    int notStarted;
    int queued;
    double cost;
    final Map<String, Integer> running = new LinkedHashMap<>();
    final Map<String, Integer> passed = new LinkedHashMap<>();

    Tally(List<String> steps) {
        steps.forEach(step -> {
            running.put(step, 0);
            passed.put(step, 0);
        });
    }

    /** A copy to add more items to. */
    Tally copy() {
        Tally copy = new Tally(List.of());
        copy.alreadyDone = alreadyDone;
        copy.completed = completed;
        copy.failed = failed;
        copy.cancelled = cancelled;
        copy.awaiting = awaiting;
        copy.notStarted = notStarted;
        copy.queued = queued;
        copy.cost = cost;
        copy.running.putAll(running);
        copy.passed.putAll(passed);
        return copy;
    }

    /** Adds another tally's counts to this one. */
    void plus(Tally other) {
        alreadyDone += other.alreadyDone;
        completed += other.completed;
        failed += other.failed;
        cancelled += other.cancelled;
        awaiting += other.awaiting;
        notStarted += other.notStarted;
        queued += other.queued;
        cost += other.cost;
        other.running.forEach((step, n) -> running.merge(step, n, Integer::sum));
        other.passed.forEach((step, n) -> passed.merge(step, n, Integer::sum));
    }

    /** Counts the item as it was last read; an item without a job yet counts nowhere. */
    void add(Tracked item) {
        if (item.notStartedReason().isPresent()) {
            notStarted++;
            return;
        }
        if (item.job().isEmpty()) {
            return;
        }
        Job job = item.job().get();
        cost += job.costUsd();
        for (StepRecord step : job.steps()) {
            if (step.status().isDone()) {
                passed.merge(step.name(), 1, Integer::sum);
            }
        }
        if (item.start == Tracked.Start.ALREADY_DONE) {
            alreadyDone++;
            return;
        }
        switch (job.status()) {
            case COMPLETED -> completed++;
            case FAILED -> failed++;
            case CANCELLED -> cancelled++;
            case AWAITING_REVIEW -> awaiting++;
            case RUNNING -> job.currentStep().ifPresent(step -> running.merge(step, 1, Integer::sum));
            case QUEUED, CREATED -> queued++;
        }
    }
}
