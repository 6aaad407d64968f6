package dev.conveyor.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one step of one job: the seeds' {@code pipeline_steps} entry, plus attempts, units of
 * work, cost, warnings (partial results) and the step's output.
 *
 * @param costUsd        what this step's current (or last) run has cost
 * @param earlierCostUsd what its earlier runs cost (before a retry or a re-process): spend does not un-happen
 * @param learned        what Conveyor had learned of this step's durations when the job's run last moved on,
 *                       kept with the job so that reading its ETA needs nothing else
 * @param unitPace       how fast this run got through the units it reported (see {@link UnitPace}); empty
 *                       before its first unit
 */
public record StepRecord(String name, StepStatus status, Optional<Instant> startedAt,
                         Optional<Instant> completedAt, Optional<Long> durationMs, int attempts, long unitsDone,
                         long unitsTotal, double costUsd, Optional<UserError> error, List<String> warnings,
                         Payload output, double earlierCostUsd, Optional<StepTiming> learned,
                         Optional<UnitPace> unitPace) {

    public StepRecord {
        Objects.requireNonNull(name, "step name must not be null");
        Objects.requireNonNull(status, "step status must not be null");
        Objects.requireNonNull(startedAt, "startedAt must not be null");
        Objects.requireNonNull(completedAt, "completedAt must not be null");
        Objects.requireNonNull(durationMs, "durationMs must not be null");
        Objects.requireNonNull(error, "error must not be null");
        Objects.requireNonNull(output, "output must not be null");
        if (attempts < 0 || unitsDone < 0 || unitsTotal < 0) {
            throw new IllegalArgumentException("attempts and units must not be negative");
        }
        if (!(costUsd >= 0.0) || Double.isInfinite(costUsd)) {
            throw new IllegalArgumentException("step cost must be a finite number >= 0, got " + costUsd);
        }
        if (!(earlierCostUsd >= 0.0) || Double.isInfinite(earlierCostUsd)) {
            throw new IllegalArgumentException("earlier cost must be a finite number >= 0, got " + earlierCostUsd);
        }
        Objects.requireNonNull(learned, "learned must not be null");
        Objects.requireNonNull(unitPace, "unitPace must not be null");
        warnings = List.copyOf(warnings);
    }

    /** A record with no unit pace kept. */
    public StepRecord(String name, StepStatus status, Optional<Instant> startedAt, Optional<Instant> completedAt,
                      Optional<Long> durationMs, int attempts, long unitsDone, long unitsTotal, double costUsd,
                      Optional<UserError> error, List<String> warnings, Payload output, double earlierCostUsd,
                      Optional<StepTiming> learned) {
        this(name, status, startedAt, completedAt, durationMs, attempts, unitsDone, unitsTotal, costUsd, error,
                warnings, output, earlierCostUsd, learned, Optional.empty());
    }

    /** A record with nothing spent on earlier runs and no learned timing kept. */
    public StepRecord(String name, StepStatus status, Optional<Instant> startedAt, Optional<Instant> completedAt,
                      Optional<Long> durationMs, int attempts, long unitsDone, long unitsTotal, double costUsd,
                      Optional<UserError> error, List<String> warnings, Payload output) {
        this(name, status, startedAt, completedAt, durationMs, attempts, unitsDone, unitsTotal, costUsd, error,
                warnings, output, 0.0, Optional.empty(), Optional.empty());
    }

    public static StepRecord pending(String name) {
        return new StepRecord(name, StepStatus.PENDING, Optional.empty(), Optional.empty(), Optional.empty(), 0,
                0, 0, 0.0, Optional.empty(), List.of(), Payload.empty(), 0.0, Optional.empty(), Optional.empty());
    }

    /**
     * Back to pending for a new run, forgetting everything this step did before but what it cost: that moves
     * to {@link #earlierCostUsd()}.
     */
    public StepRecord reset() {
        return new StepRecord(name, StepStatus.PENDING, Optional.empty(), Optional.empty(), Optional.empty(), 0,
                0, 0, 0.0, Optional.empty(), List.of(), Payload.empty(), totalCostUsd(), learned, Optional.empty());
    }

    /** Everything this step has cost, over all its runs. */
    public double totalCostUsd() {
        return earlierCostUsd + costUsd;
    }

    /** The same record carrying what was learned of the step's durations (or nothing). */
    public StepRecord withLearned(Optional<StepTiming> timing) {
        return new StepRecord(name, status, startedAt, completedAt, durationMs, attempts, unitsDone, unitsTotal,
                costUsd, error, warnings, output, earlierCostUsd, timing, unitPace);
    }

    /** The same record with how fast this run got through its units (or nothing). */
    public StepRecord withUnitPace(Optional<UnitPace> pace) {
        return new StepRecord(name, status, startedAt, completedAt, durationMs, attempts, unitsDone, unitsTotal,
                costUsd, error, warnings, output, earlierCostUsd, learned, pace);
    }

    /** A new attempt starts: running, from {@code now}, with no units done yet. */
    public StepRecord start(Instant now) {
        return new StepRecord(name, StepStatus.RUNNING, Optional.of(now), Optional.empty(), Optional.empty(),
                attempts + 1, 0, unitsTotal, costUsd, Optional.empty(), warnings, output, earlierCostUsd, learned,
                Optional.empty());
    }

    public StepRecord complete(Instant now, Payload result, List<String> newWarnings, long done, long total,
                               double cost) {
        List<String> all = new ArrayList<>(warnings);
        all.addAll(newWarnings);
        return new StepRecord(name, StepStatus.COMPLETED, startedAt, Optional.of(now), Optional.of(elapsed(now)),
                attempts, done, total, cost, Optional.empty(), all, result, earlierCostUsd, learned, unitPace);
    }

    public StepRecord fail(Instant now, UserError cause, long done, long total, double cost) {
        return new StepRecord(name, StepStatus.FAILED, startedAt, Optional.of(now), Optional.of(elapsed(now)),
                attempts, done, total, cost, Optional.of(cause), warnings, output, earlierCostUsd, learned, unitPace);
    }

    public StepRecord skip() {
        return new StepRecord(name, StepStatus.SKIPPED, Optional.empty(), Optional.empty(), Optional.empty(),
                attempts, unitsDone, unitsTotal, costUsd, Optional.empty(), warnings, output, earlierCostUsd, learned,
                Optional.empty());
    }

    public StepRecord withUnits(long done, long total) {
        return new StepRecord(name, status, startedAt, completedAt, durationMs, attempts, done, total, costUsd,
                error, warnings, output, earlierCostUsd, learned, unitPace);
    }

    public StepRecord withAttempts(int count) {
        return new StepRecord(name, status, startedAt, completedAt, durationMs, count, unitsDone, unitsTotal,
                costUsd, error, warnings, output, earlierCostUsd, learned, unitPace);
    }

    /** Back to pending after an interrupted attempt, keeping the count of attempts made. */
    public StepRecord interrupted() {
        return new StepRecord(name, StepStatus.PENDING, Optional.empty(), Optional.empty(), Optional.empty(),
                attempts, 0, unitsTotal, costUsd, Optional.empty(), warnings, output, earlierCostUsd, learned,
                Optional.empty());
    }

    public StepRecord withCost(double cost) {
        return new StepRecord(name, status, startedAt, completedAt, durationMs, attempts, unitsDone, unitsTotal,
                cost, error, warnings, output, earlierCostUsd, learned, unitPace);
    }

    /** The fraction of this step's work done, when it reported units; otherwise empty. */
    public Optional<Double> fraction() {
        return unitsTotal > 0 ? Optional.of(Math.min(1.0, (double) unitsDone / unitsTotal)) : Optional.empty();
    }

    private long elapsed(Instant now) {
        return startedAt.map(start -> Math.max(0, Duration.between(start, now).toMillis())).orElse(0L);
    }
}
