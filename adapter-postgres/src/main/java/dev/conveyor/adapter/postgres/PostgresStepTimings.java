package dev.conveyor.adapter.postgres;

import dev.conveyor.model.EtaAccuracy;
import dev.conveyor.model.StepTiming;
import dev.conveyor.port.out.StepTimings;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import static dev.conveyor.adapter.postgres.schema.tables.EtaAccuracy.ETA_ACCURACY;
import static dev.conveyor.adapter.postgres.schema.tables.StepTiming.STEP_TIMING;

/**
 * The ETA's duration history: one row per pipeline and step (speed and spread), and one per pipeline of its ETA
 * accuracy, each replaced on every save.
 */
final class PostgresStepTimings implements StepTimings {

    private final Database database;
    private final Clock clock;

    PostgresStepTimings(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public Map<String, StepTiming> find(String pipeline) {
        Objects.requireNonNull(pipeline, "pipeline must not be null");
        return database.call(dsl -> dsl.selectFrom(STEP_TIMING)
                .where(STEP_TIMING.PIPELINE.eq(pipeline))
                .fetch()
                .stream()
                .collect(Collectors.toUnmodifiableMap(row -> row.getStep(),
                        row -> new StepTiming(row.getSecondsPerUnit(), row.getSamples(),
                                StepsJson.spread(row.getSpread()), StepsJson.unitReference(row.getUnitLogMean(),
                                        row.getUnitWithinVariance(), row.getUnitRuns())))));
    }

    @Override
    public void save(String pipeline, String step, StepTiming timing) {
        Objects.requireNonNull(pipeline, "pipeline must not be null");
        Objects.requireNonNull(step, "step must not be null");
        Objects.requireNonNull(timing, "timing must not be null");
        var now = JobMapper.time(clock.instant());
        database.call(dsl -> dsl.insertInto(STEP_TIMING)
                .set(STEP_TIMING.PIPELINE, pipeline)
                .set(STEP_TIMING.STEP, step)
                .set(STEP_TIMING.SECONDS_PER_UNIT, timing.secondsPerUnit())
                .set(STEP_TIMING.SAMPLES, timing.samples())
                .set(STEP_TIMING.SPREAD, StepsJson.spread(timing.spread()))
                .set(STEP_TIMING.UNIT_LOG_MEAN, units(timing, timing.units().logMean()))
                .set(STEP_TIMING.UNIT_WITHIN_VARIANCE, units(timing, timing.units().withinVariance()))
                .set(STEP_TIMING.UNIT_RUNS, units(timing, timing.units().runs()))
                .set(STEP_TIMING.UPDATED_AT, now)
                .onConflict(STEP_TIMING.PIPELINE, STEP_TIMING.STEP)
                .doUpdate()
                .set(STEP_TIMING.SECONDS_PER_UNIT, timing.secondsPerUnit())
                .set(STEP_TIMING.SAMPLES, timing.samples())
                .set(STEP_TIMING.SPREAD, StepsJson.spread(timing.spread()))
                .set(STEP_TIMING.UNIT_LOG_MEAN, units(timing, timing.units().logMean()))
                .set(STEP_TIMING.UNIT_WITHIN_VARIANCE, units(timing, timing.units().withinVariance()))
                .set(STEP_TIMING.UNIT_RUNS, units(timing, timing.units().runs()))
                .set(STEP_TIMING.UPDATED_AT, now)
                .execute());
    }

    /** A part of the timing's unit reference; null when nothing is learned of its units. */
    private static Double units(StepTiming timing, double value) {
        return timing.units().isEmpty() ? null : value;
    }

    @Override
    public EtaAccuracy accuracy(String pipeline) {
        Objects.requireNonNull(pipeline, "pipeline must not be null");
        return database.call(dsl -> dsl.selectFrom(ETA_ACCURACY)
                .where(ETA_ACCURACY.PIPELINE.eq(pipeline))
                .fetchOptional()
                .map(row -> new EtaAccuracy(row.getSamples(), List.of(row.getMape_25Percent(),
                        row.getMape_50Percent(), row.getMape_75Percent())))
                .orElse(EtaAccuracy.NONE));
    }

    @Override
    public void saveAccuracy(String pipeline, EtaAccuracy accuracy) {
        Objects.requireNonNull(pipeline, "pipeline must not be null");
        Objects.requireNonNull(accuracy, "accuracy must not be null");
        if (accuracy.samples() == 0) {
            database.call(dsl -> dsl.deleteFrom(ETA_ACCURACY).where(ETA_ACCURACY.PIPELINE.eq(pipeline)).execute());
            return;
        }
        var now = JobMapper.time(clock.instant());
        List<Double> errors = accuracy.meanErrorsPercent();
        database.call(dsl -> dsl.insertInto(ETA_ACCURACY)
                .set(ETA_ACCURACY.PIPELINE, pipeline)
                .set(ETA_ACCURACY.SAMPLES, accuracy.samples())
                .set(ETA_ACCURACY.MAPE_25_PERCENT, errors.get(0))
                .set(ETA_ACCURACY.MAPE_50_PERCENT, errors.get(1))
                .set(ETA_ACCURACY.MAPE_75_PERCENT, errors.get(2))
                .set(ETA_ACCURACY.UPDATED_AT, now)
                .onConflict(ETA_ACCURACY.PIPELINE)
                .doUpdate()
                .set(ETA_ACCURACY.SAMPLES, accuracy.samples())
                .set(ETA_ACCURACY.MAPE_25_PERCENT, errors.get(0))
                .set(ETA_ACCURACY.MAPE_50_PERCENT, errors.get(1))
                .set(ETA_ACCURACY.MAPE_75_PERCENT, errors.get(2))
                .set(ETA_ACCURACY.UPDATED_AT, now)
                .execute());
    }
}
