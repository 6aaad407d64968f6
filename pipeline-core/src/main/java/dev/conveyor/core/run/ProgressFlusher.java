package dev.conveyor.core.run;

import dev.conveyor.core.eta.EtaEstimator;
import dev.conveyor.core.eta.UnitPaces;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobRef;
import dev.conveyor.model.ProgressUpdate;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.UnitPace;
import dev.conveyor.model.WorkerId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.out.EngineEvents;
import dev.conveyor.port.out.JobStore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Coalesces in-step progress: called every interval (250 ms by default), it writes one narrow progress
 * update per running step that reported something since the last call, and nothing for the others; all of a
 * call's updates go to the store together ({@link JobStore#saveProgressAll}), one statement on a shared store.
 */
public final class ProgressFlusher {

    private final JobStore store;
    private final WorkerId worker;
    private final EtaEstimator eta;
    private final LearnedTimings timings;
    private final Clock clock;
    private final EngineEvents events;
    private final Set<Tracked> tracked = ConcurrentHashMap.newKeySet();

    public ProgressFlusher(JobStore store, WorkerId worker, EtaEstimator eta, LearnedTimings timings, Clock clock,
                           EngineEvents events) {
        this.store = store;
        this.worker = worker;
        this.eta = eta;
        this.timings = timings;
        this.clock = clock;
        this.events = events;
    }

    Tracked track(LiveStepContext context, PipelineDefinition pipeline, EtaTrail trail) {
        Tracked entry = new Tracked(context, pipeline, trail);
        tracked.add(entry);
        return entry;
    }

    /** Stops flushing a step; waits for a flush of it that is under way, so no stale write follows. */
    void untrack(Tracked entry) {
        tracked.remove(entry);
        entry.lock.lock();
        try {
            entry.closed = true;
        } finally {
            entry.lock.unlock();
        }
    }

    /** The running steps flushed now. */
    Set<Tracked> tracked() {
        return Set.copyOf(tracked);
    }

    /**
     * Writes what the running steps reported since the last call, and notes on each run's {@link EtaTrail} the
     * row a poll reads now, when a note is due (no write for that). Holds each flushed step's lock until the
     * write has ended, so that a step's end never precedes its last progress write. One flush at a time: it is
     * the only holder of more than one of these locks.
     *
     * @return how many progress writes were made
     */
    public synchronized int flush() {
        List<Tracked> flushed = new ArrayList<>();
        List<JobStore.ProgressSave> saves = new ArrayList<>();
        Instant now = clock.instant();
        try {
            for (Tracked entry : tracked) {
                entry.lock.lock();
                boolean dirty = !entry.closed && entry.context.takeDirty();
                if (dirty) {
                    flushed.add(entry);
                    saves.add(update(entry));
                }
                if (!entry.closed && entry.trail.due(now)) {
                    entry.trail.polled(now, entry.asPolled());
                }
                if (!dirty) {
                    entry.lock.unlock();
                }
            }
            if (!saves.isEmpty()) {
                store.saveProgressAll(worker, saves);
                events.progressWritten(saves.size());
            }
            return saves.size();
        } finally {
            flushed.forEach(entry -> entry.lock.unlock());
        }
    }

    private JobStore.ProgressSave update(Tracked entry) {
        LiveStepContext context = entry.context;
        Job job = context.job();
        Instant now = clock.instant();
        long done = context.unitsDone();
        long total = context.unitsTotal();
        StepRecord stored = job.steps().get(context.index());
        Optional<UnitPace> pace = entry.pipeline.step(stored.name()).flatMap(definition -> UnitPaces.reported(
                stored.withUnitPace(entry.unitPace), definition, timings.of(job.pipeline()), done, now));
        entry.unitPace = pace;
        StepRecord step = stored.withUnits(done, total).withCost(context.stepCost()).withUnitPace(pace);
        Job current = job.toBuilder().step(context.index(), step).build();
        int progress = Math.max(entry.lastProgress, Progress.atLeast(job, entry.pipeline, current.steps()));
        if (!entry.unitsWritten) {
            // until this write a poll moved the step by time: units take over from the most a poll of the row
            // before this write can show
            progress = Math.max(progress, total > 0
                    ? Standing.kept(job, Optional.of(entry.pipeline), eta, now)
                    : Standing.of(job, Optional.of(entry.pipeline), eta, now).progress());
            entry.unitsWritten = total > 0;
        }
        entry.lastProgress = progress;
        Optional<Instant> completion = eta.remainingSeconds(entry.pipeline, current, timings.of(job.pipeline()), now)
                .map(seconds -> now.plusMillis(Math.round(seconds * 1000)));
        return new JobStore.ProgressSave(JobRef.of(job), new ProgressUpdate(step.name(), done, total,
                context.stepCost(), progress, context.jobCost(), completion, now, pace));
    }

    /** One running step whose progress is flushed. */
    static final class Tracked {
        private final LiveStepContext context;
        private final PipelineDefinition pipeline;
        private final EtaTrail trail;
        private final ReentrantLock lock = new ReentrantLock();
        private boolean closed;
        private int lastProgress;
        private boolean unitsWritten;
        private boolean stallTold;
        private Optional<UnitPace> unitPace = Optional.empty();

        private Tracked(LiveStepContext context, PipelineDefinition pipeline, EtaTrail trail) {
            this.context = context;
            this.pipeline = pipeline;
            this.trail = trail;
            this.lastProgress = context.job().progress();
        }

        int lastProgress() {
            lock.lock();
            try {
                return lastProgress;
            } finally {
                lock.unlock();
            }
        }

        /**
         * How fast the step got through the units flushed so far; a run's end adds the units reported since
         * with {@link UnitPaces#reported}.
         */
        Optional<UnitPace> unitPace() {
            lock.lock();
            try {
                return unitPace;
            } finally {
                lock.unlock();
            }
        }

        /** The job as a poll reads it: the row stored when the step started, with the units it reported. */
        Job asPolled() {
            Job stored = context.job();
            StepRecord step = stored.steps().get(context.index())
                    .withUnits(context.unitsDone(), context.unitsTotal()).withUnitPace(unitPace);
            return stored.toBuilder().step(context.index(), step).build();
        }

        LiveStepContext context() {
            return context;
        }

        PipelineDefinition pipeline() {
            return pipeline;
        }

        /** True the first time it is called while the step still runs: a stall is told once per run of a step. */
        boolean firstStallTold() {
            lock.lock();
            try {
                if (closed || stallTold) {
                    return false;
                }
                stallTold = true;
                return true;
            } finally {
                lock.unlock();
            }
        }
    }
}
