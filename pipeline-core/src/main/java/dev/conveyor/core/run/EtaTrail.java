package dev.conveyor.core.run;

import dev.conveyor.model.EtaAccuracy;
import dev.conveyor.model.Job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The completion times one run of a job showed as it went, kept by the worker running it, so that at completion
 * the ETA shown at 25, 50 and 75 % of the run's actual duration can be judged ({@link EtaAccuracy}).
 *
 * <p>A poll works the completion time out of the stored row and the clock ({@link Standing}); the worker holds
 * the same row, so it notes the row as a poll reads it at each of its own writes that move the job on (a step
 * starting) and, between them, on its progress ticks at coarse elapsed points: no sooner than {@value #MIN_GAP_MS}
 * ms and {@value #SPACING_PERCENT} % of the elapsed time after the last note. The completion time shown at a
 * checkpoint is worked out from the last row noted at or before it and the checkpoint's time: exactly what a poll
 * read then while the running step reports no units, and with units as of at most one gap earlier otherwise.
 * Nothing is written or read for it: the notes live as long as the run, and a run that does not complete in this
 * worker (paused for review, failed, cancelled, handed over) is not judged. At most {@value #MAX_NOTES} notes are
 * kept.
 */
final class EtaTrail {

    static final long MIN_GAP_MS = 200;
    static final int SPACING_PERCENT = 10;
    static final int MAX_NOTES = 1_024;

    private final Instant start;
    private final BiFunction<Job, Instant, Optional<Instant>> completionShown;
    private final List<Note> notes = new ArrayList<>();
    private long nextDueMs;

    /**
     * @param start           when the run began
     * @param completionShown the completion time a poll of a stored row reads at a given moment
     */
    EtaTrail(Instant start, BiFunction<Job, Instant, Optional<Instant>> completionShown) {
        this.start = start;
        this.completionShown = completionShown;
    }

    /** Whether a progress tick at {@code now} should note the completion time shown. */
    synchronized boolean due(Instant now) {
        return notes.size() < MAX_NOTES && elapsedMs(now) >= nextDueMs;
    }

    /** Notes that from {@code at} on a poll reads {@code job} (as stored, with the running step's units). */
    synchronized void polled(Instant at, Job job) {
        if (notes.size() >= MAX_NOTES) {
            return;
        }
        long elapsed = elapsedMs(at);
        notes.add(new Note(at, job));
        nextDueMs = Math.max(nextDueMs, elapsed + Math.max(MIN_GAP_MS, elapsed * SPACING_PERCENT / 100));
    }

    /**
     * The absolute percentage error of the remaining time shown at each of {@link EtaAccuracy#CHECKPOINTS} of the
     * run that ended at {@code end}; empty when the run took no time or showed no ETA at one of them.
     */
    synchronized Optional<List<Double>> errorsAt(Instant end) {
        long totalMs = elapsedMs(end);
        if (totalMs <= 0) {
            return Optional.empty();
        }
        List<Double> errors = new ArrayList<>(EtaAccuracy.CHECKPOINTS.size());
        for (int checkpoint : EtaAccuracy.CHECKPOINTS) {
            Instant at = start.plusMillis(Math.round(totalMs * checkpoint / 100.0));
            Optional<Instant> shown = lastPolledBy(at).flatMap(job -> completionShown.apply(job, at));
            if (shown.isEmpty()) {
                return Optional.empty();
            }
            double actual = Duration.between(at, end).toMillis();
            if (actual <= 0.0) {
                return Optional.empty();
            }
            double predicted = Math.max(0L, Duration.between(at, shown.get()).toMillis());
            errors.add(100.0 * Math.abs(predicted - actual) / actual);
        }
        return Optional.of(errors);
    }

    private Optional<Job> lastPolledBy(Instant at) {
        Optional<Job> polled = Optional.empty();
        for (Note note : notes) {
            if (note.at.isAfter(at)) {
                break;
            }
            polled = Optional.of(note.job);
        }
        return polled;
    }

    private long elapsedMs(Instant now) {
        return Math.max(0L, Duration.between(start, now).toMillis());
    }

    private record Note(Instant at, Job job) {
    }
}
