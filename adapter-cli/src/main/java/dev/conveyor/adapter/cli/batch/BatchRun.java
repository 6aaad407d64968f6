package dev.conveyor.adapter.cli.batch;

import dev.conveyor.adapter.cli.engine.Engine;
import dev.conveyor.model.Job;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.TenantId;
import dev.conveyor.model.UserError;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.in.Outcome;
import dev.conveyor.port.in.Rejection;
import dev.conveyor.port.in.Started;
import dev.conveyor.port.in.SubmitJob;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Pushes a batch of items through a pipeline on a started engine and follows them to the end: submits a job
 * per new item (many at a time, while the workers already run the first), resumes the failed and interrupted jobs an earlier run left in the same store, skips the
 * completed ones, shows progress, and on {@link #requestStop()} stops cleanly, leaving every job resumable.
 */
public final class BatchRun {

    /**
     * @param force submit new jobs even for items an earlier run completed
     * @param input the job input for an item
     * @param tick  how often the jobs are read and the display updated
     * @param dbWait  how long the run waits out a store that stays unavailable before it gives up
     * @param notices where the user is told that the run waits for the store, and that it is back
     */
    public record Settings(TenantId tenant, PipelineDefinition pipeline, PipelineOptions options, boolean force,
                           Function<Item, Payload> input, Duration tick, int parallel, Duration dbWait,
                           Consumer<String> notices) {
        /** Waiting out an unavailable store for up to {@value #DEFAULT_DB_WAIT_MINUTES} minutes, quietly. */
        public Settings(TenantId tenant, PipelineDefinition pipeline, PipelineOptions options, boolean force,
                        Function<Item, Payload> input, Duration tick, int parallel) {
            this(tenant, pipeline, options, force, input, tick, parallel,
                    Duration.ofMinutes(DEFAULT_DB_WAIT_MINUTES), notice -> { });
        }

        public Settings {
            Objects.requireNonNull(dbWait, "dbWait must not be null");
            Objects.requireNonNull(notices, "notices must not be null");
            if (dbWait.isNegative()) {
                throw new IllegalArgumentException("dbWait must not be negative, got " + dbWait);
            }
            Objects.requireNonNull(tenant, "tenant must not be null");
            Objects.requireNonNull(pipeline, "pipeline must not be null");
            Objects.requireNonNull(options, "options must not be null");
            Objects.requireNonNull(input, "input must not be null");
            Objects.requireNonNull(tick, "tick must not be null");
        }
    }

    /** How long, by default, a run waits out a store that stays unavailable. */
    public static final int DEFAULT_DB_WAIT_MINUTES = 5;

    private static final Duration SUBMIT_SLICE = Duration.ofMillis(100);
    /**
     * New items go to the store this many at a time, in one write each: enough that a shared store is not paced
     * by one commit per item, few enough that the first jobs reach the workers after one short write.
     */
    private static final int SUBMIT_BATCH = 500;
    private static final Duration HAND_BACK = Duration.ofSeconds(3);
    /**
     * Told which jobs its engine changed, a run reads the rest this often: what other processes sharing the store
     * do to its jobs shows within this time.
     */
    private static final Duration WINDOW_EVERY = Duration.ofSeconds(1);

    private final Engine engine;
    private final Settings settings;
    private final Clock clock;
    private final Optional<ChangedJobs> changes;
    private final Object wake = new Object();
    private final StoreWait store;
    private volatile boolean stopRequested;

    /** A run that learns what happens to its jobs by reading them all at every tick. */
    public BatchRun(Engine engine, Settings settings, Clock clock) {
        this(engine, settings, clock, Optional.empty());
    }

    /**
     * A run whose engine tells it, through {@code changes} (watching its store's writes), which jobs it changed and
     * how it stored those it settled: it takes those at every tick, and reads the others only every second or so.
     */
    public BatchRun(Engine engine, Settings settings, Clock clock, ChangedJobs changes) {
        this(engine, settings, clock, Optional.of(changes));
    }

    private BatchRun(Engine engine, Settings settings, Clock clock, Optional<ChangedJobs> changes) {
        this.engine = engine;
        this.settings = settings;
        this.clock = clock;
        this.changes = changes;
        this.store = new StoreWait(engine.outageBackoff(), settings.dbWait(), settings.notices(), this::await);
    }

    /** Asks the run to stop (Ctrl-C): no more submissions; running steps are told to stop and handed back. */
    public void requestStop() {
        stopRequested = true;
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** Runs the items: new ones are submitted, those an earlier run left are skipped or resumed. */
    public Summary execute(List<Item> items, Display display) {
        List<String> values = items.stream().map(Item::value).distinct().toList();
        var prior = store.call(() -> PriorJobs.newestByItem(engine.queries(), settings.tenant(),
                settings.pipeline().name(), values));
        List<Tracked> tracked = items.stream()
                .map(item -> Tracked.plan(item, Optional.ofNullable(prior.get(item.value())), settings.force()))
                .toList();
        return loop(tracked, clock.instant(), display);
    }

    /**
     * Follows jobs already started (by retry or resume) to their end.
     *
     * @param since when they were started: the steps run from then on count in the summary's timings
     */
    public Summary follow(List<Job> started, Instant since, Display display) {
        return loop(started.stream().map(job -> Tracked.following(Item.of(job), job)).toList(), since, display);
    }

    private Summary loop(List<Tracked> tracked, Instant since, Display display) {
        Tracker tracker = new Tracker(engine.queries(), settings.tenant(), settings.pipeline(), tracked, clock, since,
                changes, WINDOW_EVERY);
        Iterator<Tracked> toStart = tracked.stream().filter(Tracked::needsStart).iterator();
        Snapshot snapshot = store.call(tracker::poll);
        display.begin(headline(tracked), snapshot);
        boolean ended = false;
        try {
            while (true) {
                long sliceEnd = System.nanoTime() + SUBMIT_SLICE.toNanos();
                while (!stopRequested && toStart.hasNext() && System.nanoTime() < sliceEnd) {
                    start(next(toStart));
                }
                long pollStart = System.nanoTime();
                snapshot = store.call(tracker::poll);
                long pollNanos = System.nanoTime() - pollStart;
                display.update(snapshot);
                if (stopRequested || !toStart.hasNext() && tracker.allSettled()) {
                    break;
                }
                if (!toStart.hasNext()) {
                    pause(Math.max(settings.tick().toMillis(), 3 * pollNanos / 1_000_000));
                }
            }
            boolean interrupted = stopRequested;
            if (interrupted) {
                engine.stopWorkers();
                awaitHandBack(tracker);
            }
            snapshot = store.call(tracker::pollAll);
            ended = true;
            display.end(snapshot);
            return Summaries.of(settings.pipeline(), tracked, tracker.started(), snapshot.elapsed(), interrupted);
        } finally {
            if (!ended) {
                display.end(snapshot);
            }
        }
    }

    /** After a stop, gives the steps that were told to stop a moment to hand their jobs back to the queue. */
    private void awaitHandBack(Tracker tracker) {
        long deadline = System.nanoTime() + HAND_BACK.toNanos();
        while (System.nanoTime() < deadline && tracker.anyRunning()) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            store.call(tracker::pollAll);
        }
    }

    /** The next items to start, at most {@link #SUBMIT_BATCH}. */
    private static List<Tracked> next(Iterator<Tracked> toStart) {
        List<Tracked> batch = new ArrayList<>(SUBMIT_BATCH);
        while (batch.size() < SUBMIT_BATCH && toStart.hasNext()) {
            batch.add(toStart.next());
        }
        return batch;
    }

    /**
     * New items are submitted together, in one store write; earlier jobs are started one by one. Each submit is
     * idempotent ({@link SubmitKeys}): a job another run submitted for the item meanwhile is followed, not doubled.
     */
    private void start(List<Tracked> batch) {
        List<Tracked> fresh = batch.stream().filter(item -> item.start == Tracked.Start.SUBMIT).toList();
        List<SubmitJob> submits = fresh.stream()
                .map(item -> new SubmitJob(settings.tenant(), settings.pipeline().name(),
                        settings.input().apply(item.item), settings.options(), true)
                        .withIdempotencyKey(SubmitKeys.of(settings.pipeline().name(), item.item, item.supersedes)))
                .toList();
        // A batch whose outcome the outage left unknown is sent again: its keys replay the jobs already written.
        List<Outcome<Job>> submitted = fresh.isEmpty() ? List.of() : store.call(() -> engine.commands()
                .submitAll(submits));
        for (int i = 0; i < fresh.size(); i++) {
            record(fresh.get(i), submitted.get(i));
        }
        batch.stream().filter(item -> item.start != Tracked.Start.SUBMIT).forEach(this::start);
    }

    private void start(Tracked item) {
        var commands = engine.commands();
        Outcome<Job> outcome = switch (item.start) {
            case RETRY -> store.call(() -> commands.retry(settings.tenant(), item.prior.orElseThrow().id()));
            case PROCESS -> store.call(() -> commands.process(settings.tenant(), item.prior.orElseThrow().id()))
                    .map(Started::job);
            case SUBMIT, ALREADY_DONE, FOLLOW -> throw new IllegalStateException("item " + item.item
                    + " is not started alone");
        };
        record(item, outcome);
    }

    private void record(Tracked item, Outcome<Job> outcome) {
        switch (outcome) {
            case Outcome.Accepted<Job> accepted -> item.seen(accepted.value());
            case Outcome.Rejected<Job> rejected -> {
                Rejection why = rejected.rejection();
                Optional<Job> current = item.prior.flatMap(p -> store.call(() -> engine.queries()
                        .job(settings.tenant(), p.id())));
                if (why.reason() == Rejection.Reason.ALREADY_PROCESSING && current.isPresent()) {
                    item.seen(current.get());
                } else {
                    item.notStarted(UserError.of("not_started", why.message()));
                }
            }
        }
    }

    /** Waits out {@code wait} for the store, unless asked to stop meanwhile; false when asked. */
    private boolean await(Duration wait) {
        synchronized (wake) {
            if (!stopRequested) {
                try {
                    wake.wait(Math.max(1, wait.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopRequested = true;
                }
            }
            return !stopRequested;
        }
    }

    /** Waits for the next poll, which is spaced so that reading the jobs takes at most a quarter of the time. */
    private void pause(long millis) {
        synchronized (wake) {
            if (!stopRequested) {
                try {
                    wake.wait(Math.max(1, millis));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopRequested = true;
                }
            }
        }
    }

    private String headline(List<Tracked> tracked) {
        long done = tracked.stream().filter(t -> t.start == Tracked.Start.ALREADY_DONE).count();
        long resumed = tracked.stream().filter(t -> t.start == Tracked.Start.RETRY || t.start == Tracked.Start.PROCESS
                || t.start == Tracked.Start.FOLLOW).count();
        StringBuilder line = new StringBuilder(settings.pipeline().name()).append(": ").append(tracked.size())
                .append(tracked.size() == 1 ? " item" : " items");
        if (done > 0) {
            line.append(", ").append(done).append(" already completed");
        }
        if (resumed > 0) {
            line.append(", ").append(resumed).append(" resumed");
        }
        return line.append(", ").append(settings.parallel()).append(" in parallel").toString();
    }
}
