package dev.conveyor.port.out;

import java.util.List;

/**
 * What happens in an engine and its store, told as it happens, for metrics: jobs submitted and finished, steps
 * started and ended, retries, lost leases, progress and hook traffic, store commits. Every method does nothing by
 * default, so a listener takes only what it needs, and {@link #NONE} costs nothing.
 *
 * <p>Calls come from the threads doing the work (workers, the maintenance timer, request threads), at transitions
 * and coalesced writes, never per progress report: a listener must be thread-safe and quick, and must not throw.
 * Arguments are low-cardinality labels only (pipeline, step, error code, hook kind), never job ids or tenants.
 */
public interface EngineEvents {

    /** Listens to nothing. */
    EngineEvents NONE = new EngineEvents() {
    };

    /** How a step's run ended, for {@link #stepEnded}. */
    enum StepOutcome {
        /** it succeeded, possibly after retries */
        COMPLETED,
        /** its last attempt failed */
        FAILED,
        /** it was told to stop: a cancel, a shutdown, a lease this worker lost */
        STOPPED
    }

    /** A job of {@code pipeline} was stored (queued, or created to start later). */
    default void jobSubmitted(String pipeline) {
    }

    /** A job of {@code pipeline} completed. */
    default void jobCompleted(String pipeline) {
    }

    /** A job of {@code pipeline} failed at {@code step} with the user-facing error {@code errorCode}. */
    default void jobFailed(String pipeline, String step, String errorCode) {
    }

    /** A job of {@code pipeline} was cancelled. */
    default void jobCancelled(String pipeline) {
    }

    /** A worker began running {@code step} of a job (its first attempt). */
    default void stepStarted(String pipeline, String step) {
    }

    /**
     * The run of {@code step} that {@link #stepStarted} announced ended, after {@code nanos} of wall time (all its
     * attempts and the waits between them).
     */
    default void stepEnded(String pipeline, String step, StepOutcome outcome, long nanos) {
    }

    /** An attempt of {@code step} failed transiently with {@code errorCode} and will be tried again. */
    default void stepRetried(String pipeline, String step, String errorCode) {
    }

    /**
     * This worker lost a job it was running: its lease expired and another worker took the job over (or the job
     * was removed), so this worker stops running it.
     */
    default void leaseLost(String pipeline) {
    }

    /** {@code jobs} running jobs whose worker's lease had expired were put back in the queue. */
    default void leasesExpired(int jobs) {
    }

    /** {@code writes} coalesced progress writes were sent to the store in one flush. */
    default void progressWritten(int writes) {
    }

    /** A call to a hook of {@code kind} ("audit", "notification") was queued for the hook executor. */
    default void hookQueued(String kind) {
    }

    /**
     * A call that {@link #hookQueued} announced left the queue: it runs now, or it was refused
     * ({@link #hookDropped} follows).
     */
    default void hookStarted(String kind) {
    }

    /** A call to a hook of {@code kind} was dropped without running (its queue was full or shut down). */
    default void hookDropped(String kind) {
    }

    /**
     * A completed run of {@code pipeline} was judged: the absolute percentage error of the remaining time it showed
     * at each checkpoint ({@link dev.conveyor.model.EtaAccuracy#CHECKPOINTS}, in that order).
     */
    default void etaJudged(String pipeline, List<Double> errorsPercent) {
    }

    /** The store committed one transaction carrying {@code writes} row writes, in {@code nanos}. */
    default void storeCommitted(int writes, long nanos) {
    }
}
