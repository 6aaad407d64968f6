package dev.conveyor.adapter.cli.batch;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.UserError;
import dev.conveyor.pipeline.PipelineDefinition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds a run's {@link Summary} from the jobs as they stand at its end. */
final class Summaries {

    private static final UserError NOT_SUBMITTED = UserError.of("not_submitted",
            "The run was interrupted before this item's job was submitted.");

    private Summaries() {
    }

    static Summary of(PipelineDefinition pipeline, List<Tracked> items, Instant started, Duration elapsed,
                      boolean interrupted) {
        Map<String, List<Long>> durations = new LinkedHashMap<>();
        Map<String, Integer> failedSteps = new LinkedHashMap<>();
        pipeline.stepNames().forEach(step -> durations.put(step, new ArrayList<>()));
        Map<String, List<Summary.ItemOutcome>> failures = new LinkedHashMap<>();
        Map<String, String> messages = new LinkedHashMap<>();
        List<Summary.ItemWarning> warnings = new ArrayList<>();
        List<Summary.ItemOutcome> outcomes = new ArrayList<>();
        int completed = 0;
        int alreadyDone = 0;
        int failed = 0;
        int cancelled = 0;
        int awaiting = 0;
        int unfinished = 0;
        double cost = 0;
        for (Tracked item : items) {
            Summary.ItemOutcome outcome = outcome(item);
            outcomes.add(outcome);
            Optional<Job> job = item.job();
            if (item.notStartedReason().isPresent() || job.isEmpty()) {
                UserError why = item.notStartedReason().orElse(NOT_SUBMITTED);
                if (item.notStartedReason().isPresent()) {
                    failed++;
                    failures.computeIfAbsent(why.code(), code -> new ArrayList<>()).add(outcome);
                    messages.putIfAbsent(why.code(), why.message());
                } else {
                    unfinished++;
                }
                continue;
            }
            cost += job.get().costUsd();
            if (item.start == Tracked.Start.ALREADY_DONE) {
                alreadyDone++;
                continue;
            }
            for (StepRecord step : job.get().steps()) {
                step.warnings().forEach(w -> warnings.add(new Summary.ItemWarning(item.item, step.name(), w)));
                boolean ranNow = step.startedAt().map(at -> !at.isBefore(started)).orElse(false);
                if (ranNow && step.durationMs().isPresent() && durations.containsKey(step.name())) {
                    durations.get(step.name()).add(step.durationMs().get());
                    if (step.status() == StepStatus.FAILED) {
                        failedSteps.merge(step.name(), 1, Integer::sum);
                    }
                }
            }
            switch (job.get().status()) {
                case COMPLETED -> completed++;
                case FAILED -> {
                    failed++;
                    UserError error = job.get().error().orElse(UserError.of("failed", "The job failed."));
                    failures.computeIfAbsent(error.code(), code -> new ArrayList<>()).add(outcome);
                    messages.putIfAbsent(error.code(), error.message());
                }
                case CANCELLED -> cancelled++;
                case AWAITING_REVIEW -> awaiting++;
                case CREATED, QUEUED, RUNNING -> unfinished++;
            }
        }
        List<Summary.StepStats> steps = new ArrayList<>();
        durations.forEach((step, times) -> steps.add(new Summary.StepStats(step, times.size(),
                failedSteps.getOrDefault(step, 0), Percentiles.of(times, 50), Percentiles.of(times, 95))));
        List<Summary.FailureGroup> groups = new ArrayList<>();
        failures.forEach((code, list) -> groups.add(new Summary.FailureGroup(code, messages.get(code), list)));
        groups.sort((a, b) -> Integer.compare(b.items().size(), a.items().size()));
        return new Summary(pipeline.name(), items.size(), completed, alreadyDone, failed, cancelled, awaiting,
                unfinished, interrupted, elapsed, cost, steps, groups, warnings, outcomes);
    }

    private static Summary.ItemOutcome outcome(Tracked item) {
        if (item.notStartedReason().isPresent()) {
            return new Summary.ItemOutcome(item.item, Optional.empty(), "not_started", item.notStartedReason());
        }
        return item.job()
                .map(job -> new Summary.ItemOutcome(item.item, Optional.of(job.id()),
                        item.start == Tracked.Start.ALREADY_DONE ? "already_completed" : job.status().wireName(),
                        job.status() == JobStatus.FAILED ? job.error() : Optional.empty()))
                .orElseGet(() -> new Summary.ItemOutcome(item.item, Optional.empty(), "not_submitted", Optional.empty()));
    }
}
