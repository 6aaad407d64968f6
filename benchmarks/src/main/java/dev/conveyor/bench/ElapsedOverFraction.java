package dev.conveyor.bench;

/** The hand-written estimate {@code elapsed / fraction − elapsed}, the fraction being {@code pipeline_progress / 100}. */
record ElapsedOverFraction() implements RemainingEstimator {

    @Override
    public String name() {
        return "elapsed/fraction";
    }

    @Override
    public double remainingSeconds(Checkpoint checkpoint) {
        double fraction = checkpoint.progress() / 100.0;
        if (fraction <= 0.0) {
            return Double.NaN;
        }
        double elapsed = checkpoint.elapsed();
        return elapsed / fraction - elapsed;
    }
}
