package dev.conveyor.core.eta;

import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepTiming;
import dev.conveyor.model.UnitPace;
import dev.conveyor.model.UnitReference;
import dev.conveyor.pipeline.StepDefinition;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps a running step's {@link UnitPace} as its units are reported: what the engine writes with each progress
 * flush and with the step's end, and what the ETA then reads from the row.
 */
public final class UnitPaces {

    private UnitPaces() {
    }

    /**
     * The step's unit pace after a report of {@code unitsDone} units at {@code now}, each unit's log held around
     * the step's usual one as learned (taken as it is while nothing is learned); unchanged before any unit.
     */
    public static Optional<UnitPace> reported(StepRecord record, StepDefinition step, Map<String, StepTiming> learned,
                                              long unitsDone, Instant now) {
        if (unitsDone <= 0 || record.startedAt().isEmpty()) {
            return record.unitPace();
        }
        UnitPace base = record.unitPace().orElseGet(() -> UnitPace.startedAt(record.startedAt().get()));
        return Optional.of(base.reported(unitsDone, now, usualLog(step, learned)));
    }

    /** The usual mean log seconds per unit of the step's runs; NaN while unknown. */
    static double usualLog(StepDefinition step, Map<String, StepTiming> learned) {
        UnitReference reference = reference(step, learned);
        return reference.isEmpty() ? Double.NaN : reference.logMean();
    }

    static UnitReference reference(StepDefinition step, Map<String, StepTiming> learned) {
        StepTiming timing = learned.get(step.name());
        return timing == null ? UnitReference.NONE : timing.units();
    }
}
