package dev.conveyor.bench;

import dev.conveyor.core.eta.EtaEstimator;
import dev.conveyor.model.StepTiming;

import java.util.Map;

/** Conveyor's {@link EtaEstimator} over the timings learned so far (a live view, updated as jobs run). */
record OurEstimator(EtaEstimator estimator, Map<String, StepTiming> learned) implements RemainingEstimator {

    @Override
    public String name() {
        return "ours (learned + blend)";
    }

    @Override
    public double remainingSeconds(Checkpoint checkpoint) {
        return estimator.remainingSeconds(SeedWorkload.PIPELINE, checkpoint.job(), learned, checkpoint.now())
                .orElse(Double.NaN);
    }
}
