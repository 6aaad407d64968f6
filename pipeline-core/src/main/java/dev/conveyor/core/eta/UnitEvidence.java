package dev.conveyor.core.eta;

import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.StepTiming;
import dev.conveyor.model.UnitPace;
import dev.conveyor.model.UnitReference;
import dev.conveyor.pipeline.StepDefinition;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a step's units say of the job's pace: the log of how much slower (above 0) than usual its reported units
 * went ({@link UnitPace} against the step's learned {@link UnitReference}), within {@code withinVariance / units},
 * but never surer than {@link #LEAST_VARIANCE} (a run's units share more than the job's pace: the same input, the
 * same hour).
 *
 * @param log      the centred log pace
 * @param variance how uncertain it is, in log terms
 */
record UnitEvidence(double log, double variance) {

    /** The least variance one step's units are taken to leave of the job's pace. */
    static final double LEAST_VARIANCE = 0.001;

    /**
     * A completed step's, or (when {@code now} is given) the running step's; empty when it reported no units or
     * nothing is learned of its units yet.
     */
    static Optional<UnitEvidence> of(StepDefinition step, StepRecord record, Map<String, StepTiming> learned,
                                     Optional<Instant> now) {
        boolean counts = record.status() == StepStatus.COMPLETED
                || record.status() == StepStatus.RUNNING && now.isPresent();
        UnitReference reference = UnitPaces.reference(step, learned);
        if (!counts || reference.isEmpty() || record.unitPace().isEmpty() || record.unitPace().get().units() <= 0) {
            return Optional.empty();
        }
        UnitPace pace = record.unitPace().get();
        double variance = Math.max(LEAST_VARIANCE, reference.withinVariance() / pace.units());
        return Optional.of(new UnitEvidence(pace.logMean() - reference.logMean(), variance));
    }
}
