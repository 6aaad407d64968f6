package dev.conveyor.adapter.postgres;

import dev.conveyor.model.DurationSpread;
import dev.conveyor.model.Payload;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.StepTiming;
import org.jooq.JSON;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The step records' column text: short, exact, and the forms written before still read. */
class StepsJsonTest {

    private static final Instant T0 = Instant.parse("2026-11-29T20:02:02.426435734Z");

    @Test
    void aLearnedSpreadReadsBackBitForBitFromItsShortForm() {
        double[] weights = {0.8501110102871543, 3.6737741275711904, 0.0, Double.MIN_VALUE, 5.390035781540261E-38,
                1.000000010074321, 2.0, 1e300, 0.0037918157007487954, 6.025741575699476E-9, 7.0, 8.5, 0.1};
        StepTiming learned = new StepTiming(0.007470479218149823, 20, new DurationSpread(weights));
        List<StepRecord> steps = List.of(running(Optional.of(learned)), StepRecord.pending("next"));

        JSON text = StepsJson.write(steps);

        assertEquals(steps, StepsJson.read(text));
        assertTrue(text.data().contains("\"spread\":\"" + StepsJson.spreadBytes(learned.spread()) + "\""),
                text.data());
        assertEquals(140, StepsJson.spreadBytes(learned.spread()).length());
    }

    @Test
    void unitsAndCostThatAreZeroAreLeftOutAndReadAsZero() {
        StepRecord idle = running(Optional.empty());

        JSON text = StepsJson.write(List.of(idle));

        assertFalse(text.data().contains("units_done") || text.data().contains("units_total")
                || text.data().contains("cost_usd"), text.data());
        assertEquals(List.of(idle), StepsJson.read(text));
        StepRecord spent = idle.withUnits(3, 8).withCost(0.25);
        assertEquals(List.of(spent), StepsJson.read(StepsJson.write(List.of(spent))));
    }

    @Test
    void stepsWrittenWithEveryFieldAndTheSpreadAsNumbersStillRead() {
        double[] weights = {0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 1.0E-37, 0.0, 0.25};
        StepRecord expected = running(Optional.of(new StepTiming(0.01, 20, new DurationSpread(weights))));
        String older = "[{\"name\": \"extract\", \"status\": \"running\", \"learned\": {\"spread\": [0.5, 1.5, 2.5, "
                + "3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 0.0000000000000000000000000000000000001, 0, 0.25], "
                + "\"samples\": 20, \"seconds_per_unit\": 0.01}, \"attempts\": 1, \"cost_usd\": 0.0, "
                + "\"started_at\": \"2026-11-29T20:02:02.426435734Z\", \"units_done\": 0, \"units_total\": 0}]";

        assertEquals(List.of(expected), StepsJson.read(JSON.valueOf(older)));
    }

    private static StepRecord running(Optional<StepTiming> learned) {
        return new StepRecord("extract", StepStatus.RUNNING, Optional.of(T0), Optional.empty(), Optional.empty(), 1,
                0, 0, 0.0, Optional.empty(), List.of(), Payload.empty(), 0.0, learned);
    }
}
