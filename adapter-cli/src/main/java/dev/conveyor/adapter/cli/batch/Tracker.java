package dev.conveyor.adapter.cli.batch;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.in.QueryJobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Follows a batch's jobs by reading them through {@link QueryJobs}, whoever runs them. Each poll re-reads the
 * jobs still moving: every running one, but of the queued ones only the oldest (a queue is served oldest
 * first), in a window that widens with the pace, all of them in one read (one statement on a shared store),
 * so a poll of a big batch stays cheap.
 */
final class Tracker {

    private static final int MIN_QUEUED_WINDOW = 1000;

    private final QueryJobs queries;
    private final TenantId tenant;
    private final PipelineDefinition pipeline;
    private final List<Tracked> items;
    private final Clock clock;
    private final Instant started;
    private int settledCount;
    private int settledLastPoll;

    Tracker(QueryJobs queries, TenantId tenant, PipelineDefinition pipeline, List<Tracked> items, Clock clock,
            Instant started) {
        this.queries = queries;
        this.tenant = tenant;
        this.pipeline = pipeline;
        this.items = items;
        this.clock = clock;
        this.started = started;
    }

    Instant started() {
        return started;
    }

    Snapshot poll() {
        int queuedWindow = Math.max(MIN_QUEUED_WINDOW, 4 * settledLastPoll);
        int before = settledCount;
        int queuedRead = 0;
        Map<JobId, Tracked> toRead = new LinkedHashMap<>();
        for (Tracked item : items) {
            if (item.settled() || item.job().isEmpty()) {
                continue;
            }
            boolean queued = item.job().get().status() == JobStatus.QUEUED;
            if (queued && queuedRead++ >= queuedWindow) {
                continue;
            }
            toRead.put(item.job().get().id(), item);
        }
        if (!toRead.isEmpty()) {
            queries.jobs(tenant, toRead.keySet()).forEach((id, job) -> toRead.get(id).seen(job));
        }
        Snapshot snapshot = snapshot();
        settledCount = snapshot.settled();
        settledLastPoll = Math.max(0, settledCount - before);
        return snapshot;
    }

    private Snapshot snapshot() {
        Map<String, Integer> running = new LinkedHashMap<>();
        Map<String, Integer> passed = new LinkedHashMap<>();
        pipeline.stepNames().forEach(step -> {
            running.put(step, 0);
            passed.put(step, 0);
        });
        int alreadyDone = 0;
        int completed = 0;
        int failed = 0;
        int cancelled = 0;
        int awaiting = 0;
        int notStarted = 0;
        int queued = 0;
        double cost = 0;
        List<Snapshot.Finished> finished = new ArrayList<>();
        for (Tracked item : items) {
            if (item.notStartedReason().isPresent()) {
                notStarted++;
                if (item.reportOnce()) {
                    finished.add(new Snapshot.Finished(item.item, "not started", item.notStartedReason(), List.of()));
                }
                continue;
            }
            if (item.job().isEmpty()) {
                continue;
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
                continue;
            }
            switch (job.status()) {
                case COMPLETED -> completed++;
                case FAILED -> failed++;
                case CANCELLED -> cancelled++;
                case AWAITING_REVIEW -> awaiting++;
                case RUNNING -> job.currentStep().ifPresent(step -> running.merge(step, 1, Integer::sum));
                case QUEUED, CREATED -> queued++;
            }
            if (item.reportOnce()) {
                finished.add(new Snapshot.Finished(item.item, job.status().wireName(), job.error(),
                        job.steps().stream().flatMap(s -> s.warnings().stream().map(w -> s.name() + ": " + w)).toList()));
            }
        }
        Duration elapsed = Duration.between(started, clock.instant());
        Snapshot draft = new Snapshot(pipeline.name(), pipeline.stepNames(), items.size(), alreadyDone, completed, failed,
                cancelled, awaiting, notStarted, queued, running, passed, cost, elapsed, Optional.empty(), finished);
        return withEta(draft);
    }

    /** Remaining items at this run's pace so far; nothing until one item has settled. */
    private static Snapshot withEta(Snapshot s) {
        double rate = s.throughput();
        if (rate <= 0 || s.settled() >= s.total()) {
            return s;
        }
        Duration eta = Duration.ofMillis(Math.round((s.total() - s.settled()) / rate * 1000));
        return new Snapshot(s.pipeline(), s.steps(), s.total(), s.alreadyDone(), s.completed(), s.failed(), s.cancelled(),
                s.awaitingReview(), s.notStarted(), s.queued(), s.running(), s.passed(), s.costUsd(), s.elapsed(),
                Optional.of(eta), s.finished());
    }

    boolean anyRunning() {
        return items.stream().anyMatch(item -> item.job().map(job -> job.status() == JobStatus.RUNNING).orElse(false));
    }

    boolean allSettled() {
        return items.stream().allMatch(Tracked::settled);
    }
}
