package dev.conveyor.adapter.cli.batch;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.in.QueryJobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Follows a batch's jobs by reading them through {@link QueryJobs}, whoever runs them. A read of the jobs still
 * moving takes every running one, but of the queued ones only the oldest (a queue is served oldest first), in a
 * window that widens with the pace of the jobs it finds settled, all of them in one read (one statement on a
 * shared store), so a poll of a big batch stays cheap.
 *
 * <p>Told by its own engine which jobs it wrote ({@link ChangedJobs}), a poll takes the jobs its engine settled as
 * their settling write stored them, reading none, and reads the window with the other changed ones only every so
 * often: for what other processes sharing the store do, and to refresh the running steps shown. Reading a job
 * costs mostly mapping its row, so a job this process runs is not read at all once it has started. Without that
 * news, every poll reads the window.
 */
final class Tracker {

    private static final int MIN_QUEUED_WINDOW = 1000;
    /**
     * The window's least width when its engine tells what it changed: then the window serves only to notice the
     * jobs other processes take, and it widens with their pace. Mapping a job read for the first time is most of
     * a read's cost.
     */
    private static final int MIN_QUEUED_WINDOW_TOLD = 100;
    /** With news of changes, reading the window takes at most this share of the time. */
    private static final int WINDOW_SHARE = 10;

    private final QueryJobs queries;
    private final TenantId tenant;
    private final PipelineDefinition pipeline;
    private final List<Tracked> items;
    private final Clock clock;
    private final Instant started;
    private final Optional<ChangedJobs> changes;
    private final Duration windowEvery;
    /** Which items are summed in {@link #settledTally}. */
    private final boolean[] folded;
    private final Tally settledTally;
    /** The items by the id of their job, as far as known. */
    private final Map<JobId, Tracked> byJob = new HashMap<>();
    /** Jobs its engine told of whose read failed (the store was unavailable): read at the next poll. */
    private final Map<JobId, Tracked> unread = new HashMap<>();
    private Instant nextWindow = Instant.MIN;
    private int settledByLastWindow;

    /** A tracker that reads the window at every poll. */
    Tracker(QueryJobs queries, TenantId tenant, PipelineDefinition pipeline, List<Tracked> items, Clock clock,
            Instant started) {
        this(queries, tenant, pipeline, items, clock, started, Optional.empty(), Duration.ZERO);
    }

    /**
     * @param changes     the jobs its engine changed; when empty, every poll reads the window
     * @param windowEvery how often, at least, a poll also reads the window when {@code changes} are told
     */
    Tracker(QueryJobs queries, TenantId tenant, PipelineDefinition pipeline, List<Tracked> items, Clock clock,
            Instant started, Optional<ChangedJobs> changes, Duration windowEvery) {
        this.queries = queries;
        this.tenant = tenant;
        this.pipeline = pipeline;
        this.items = items;
        this.clock = clock;
        this.started = started;
        this.changes = changes;
        this.windowEvery = windowEvery;
        this.folded = new boolean[items.size()];
        this.settledTally = new Tally(pipeline.stepNames());
    }

    Instant started() {
        return started;
    }

    /**
     * Takes the jobs its engine settled (completed, failed, cancelled, paused for review) as stored; when the window
     * is due, also reads the other jobs its engine changed and the window.
     */
    Snapshot poll() {
        if (changes.isPresent() && clock.instant().isBefore(nextWindow)) {
            settle(changes.get().drainSettled());
            read(new HashMap<>());
        } else {
            readWindow();
        }
        return snapshot();
    }

    /** Re-reads the jobs its engine changed and the window, whenever it was last read. */
    Snapshot pollAll() {
        readWindow();
        return snapshot();
    }

    /** Of these jobs, those of items not settled yet. */
    private Map<JobId, Tracked> moving(List<JobId> ids) {
        Map<JobId, Tracked> moving = new HashMap<>();
        boolean reindexed = false;
        for (JobId id : ids) {
            Tracked item = byJob.get(id);
            if (item == null && !reindexed) {
                // A job submitted since the index was built, or one of another run's that this engine ran.
                items.forEach(each -> each.job().ifPresent(job -> byJob.put(job.id(), each)));
                reindexed = true;
                item = byJob.get(id);
            }
            if (item != null && !item.settled()) {
                moving.put(id, item);
            }
        }
        return moving;
    }

    /** The jobs its engine settled, as their settling write stored them: nothing to read. */
    private void settle(List<Job> stored) {
        Map<JobId, Tracked> moving = moving(stored.stream().map(Job::id).toList());
        for (Job job : stored) {
            Tracked item = moving.get(job.id());
            if (item != null) {
                item.seen(job);
            }
        }
    }

    /** Reads the window, and every job its engine changed since the last read. */
    private void readWindow() {
        Instant begun = clock.instant();
        changes.ifPresent(c -> settle(c.drainSettled()));
        Map<JobId, Tracked> told = changes.map(c -> moving(c.drainAll())).orElse(Map.of());
        int queuedWindow = Math.max(changes.isPresent() ? MIN_QUEUED_WINDOW_TOLD : MIN_QUEUED_WINDOW,
                4 * settledByLastWindow);
        int queuedRead = 0;
        Map<JobId, Tracked> window = new LinkedHashMap<>();
        for (Tracked item : items) {
            if (item.settled() || item.job().isEmpty() || told.containsKey(item.job().get().id())) {
                continue;
            }
            boolean queued = item.job().get().status() == JobStatus.QUEUED;
            if (queued && queuedRead++ >= queuedWindow) {
                continue;
            }
            window.put(item.job().get().id(), item);
        }
        Map<JobId, Tracked> toRead = new LinkedHashMap<>(told);
        toRead.putAll(window);
        read(toRead);
        settledByLastWindow = (int) window.values().stream().filter(Tracked::settled).count();
        Instant now = clock.instant();
        Duration took = Duration.between(begun, now).multipliedBy(WINDOW_SHARE);
        nextWindow = now.plus(windowEvery.compareTo(took) >= 0 ? windowEvery : took);
    }

    /** Reads the jobs in one call. */
    private void read(Map<JobId, Tracked> toRead) {
        unread.forEach((id, item) -> {
            if (!item.settled()) {
                toRead.putIfAbsent(id, item);
            }
        });
        unread.clear();
        if (!toRead.isEmpty()) {
            Map<JobId, Job> jobs;
            try {
                jobs = queries.jobs(tenant, toRead.keySet());
            } catch (RuntimeException e) {
                unread.putAll(toRead);
                throw e;
            }
            jobs.forEach((id, job) -> toRead.get(id).seen(job));
        }
    }

    /**
     * Sums every item up. A settled item is never read again, so it is summed once, when it settles, into the
     * tally of the settled; each snapshot adds only the items still moving to that.
     */
    private Snapshot snapshot() {
        List<Snapshot.Finished> finished = new ArrayList<>();
        Tally moving = null;
        for (int i = 0; i < items.size(); i++) {
            if (folded[i]) {
                continue;
            }
            Tracked item = items.get(i);
            if (item.settled()) {
                folded[i] = true;
                settledTally.add(item);
                if (item.reportOnce()) {
                    finished.add(finished(item));
                }
            } else {
                if (moving == null) {
                    moving = new Tally(List.of());
                }
                moving.add(item);
            }
        }
        Tally all = settledTally.copy();
        if (moving != null) {
            all.plus(moving);
        }
        Duration elapsed = Duration.between(started, clock.instant());
        Snapshot draft = new Snapshot(pipeline.name(), pipeline.stepNames(), items.size(), all.alreadyDone,
                all.completed, all.failed, all.cancelled, all.awaiting, all.notStarted, all.queued, all.running,
                all.passed, all.cost, elapsed, Optional.empty(), finished);
        return withEta(draft);
    }

    private static Snapshot.Finished finished(Tracked item) {
        if (item.notStartedReason().isPresent()) {
            return new Snapshot.Finished(item.item, "not started", item.notStartedReason(), List.of());
        }
        Job job = item.job().orElseThrow();
        return new Snapshot.Finished(item.item, job.status().wireName(), job.error(),
                job.steps().stream().flatMap(s -> s.warnings().stream().map(w -> s.name() + ": " + w)).toList());
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
