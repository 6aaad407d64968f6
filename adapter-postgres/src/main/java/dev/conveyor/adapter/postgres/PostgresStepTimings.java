package dev.conveyor.adapter.postgres;

import dev.conveyor.model.StepTiming;
import dev.conveyor.port.out.StepTimings;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import static dev.conveyor.adapter.postgres.schema.tables.StepTiming.STEP_TIMING;

/** The ETA's duration history: one row per pipeline and step (speed and spread), replaced on every save. */
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
                                StepsJson.spread(row.getSpread())))));
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
                .set(STEP_TIMING.UPDATED_AT, now)
                .onConflict(STEP_TIMING.PIPELINE, STEP_TIMING.STEP)
                .doUpdate()
                .set(STEP_TIMING.SECONDS_PER_UNIT, timing.secondsPerUnit())
                .set(STEP_TIMING.SAMPLES, timing.samples())
                .set(STEP_TIMING.SPREAD, StepsJson.spread(timing.spread()))
                .set(STEP_TIMING.UPDATED_AT, now)
                .execute());
    }
}
