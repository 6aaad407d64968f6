package dev.conveyor.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A coalesced in-step progress write: the running step's units, unit pace and cost, and the job's progress, cost
 * and expected completion. Narrow on purpose: it is the only write that happens many times per step.
 */
public record ProgressUpdate(String stepName, long unitsDone, long unitsTotal, double stepCostUsd, int progress,
                             double jobCostUsd, Optional<Instant> estimatedCompletionAt, Instant at,
                             Optional<UnitPace> unitPace) {

    public ProgressUpdate {
        Objects.requireNonNull(stepName, "stepName must not be null");
        Objects.requireNonNull(estimatedCompletionAt, "estimatedCompletionAt must not be null");
        Objects.requireNonNull(at, "at must not be null");
        Objects.requireNonNull(unitPace, "unitPace must not be null");
        if (progress < 0 || progress > 100) {
            throw new IllegalArgumentException("progress must be in [0, 100], got " + progress);
        }
        if (unitsDone < 0 || unitsTotal < 0) {
            throw new IllegalArgumentException("units must not be negative");
        }
    }

    /** An update of a step that has no unit pace (it reported no unit yet). */
    public ProgressUpdate(String stepName, long unitsDone, long unitsTotal, double stepCostUsd, int progress,
                          double jobCostUsd, Optional<Instant> estimatedCompletionAt, Instant at) {
        this(stepName, unitsDone, unitsTotal, stepCostUsd, progress, jobCostUsd, estimatedCompletionAt, at,
                Optional.empty());
    }
}
