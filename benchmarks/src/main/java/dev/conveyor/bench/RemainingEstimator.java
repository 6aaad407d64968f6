package dev.conveyor.bench;

/** One way of answering {@code estimated_remaining_seconds} at a checkpoint. */
interface RemainingEstimator {

    String name();

    /** The estimate, or NaN when this estimator can say nothing. */
    double remainingSeconds(Checkpoint checkpoint);
}
