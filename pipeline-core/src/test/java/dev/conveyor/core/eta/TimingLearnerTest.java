package dev.conveyor.core.eta;

import dev.conveyor.model.StepTiming;
import dev.conveyor.pipeline.Estimate;
import dev.conveyor.pipeline.StepDefinition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimingLearnerTest {

    private static final double EPS = 1e-9;
    private static final StepDefinition EXTRACT = StepDefinition.of("extract", context -> { })
            .estimate(Estimate.perUnit(Duration.ofSeconds(5), 1, "files"));
    private static final StepDefinition ENRICH = StepDefinition.of("enrich", context -> { });

    @Test
    void firstRunMovesTheDefinitionsEstimateOnlyPartWay() {
        // given nothing learned; extract is estimated at 5 s per file and took 20 s for 2 files
        StepTiming timing = TimingLearner.learn(Optional.empty(), EXTRACT, Duration.ofSeconds(20), 2);

        // then it is worth one run against the estimate's two: 5 + (10 - 5) / 3
        assertEquals(5.0 + 5.0 / 3.0, timing.secondsPerUnit(), EPS);
        assertEquals(1, timing.samples());
    }

    @Test
    void theAverageMovesTowardTheSamplesAndSettlesOnThem() {
        Optional<StepTiming> timing = Optional.empty();
        double before = 5.0;
        for (int run = 0; run < 60; run++) {
            timing = Optional.of(TimingLearner.learn(timing, EXTRACT, Duration.ofSeconds(30), 3));
            double now = timing.orElseThrow().secondsPerUnit();
            assertTrue(now > before && now <= 10.0, "run " + run + " moved from " + before + " to " + now);
            before = now;
        }
        assertEquals(10.0, before, 0.01);
        assertEquals(60, timing.orElseThrow().samples());
    }

    @Test
    void aSettledAverageGivesEachRunTheWeightAlpha() {
        StepTiming settled = new StepTiming(8.0, 50);

        StepTiming timing = TimingLearner.learn(Optional.of(settled), EXTRACT, Duration.ofSeconds(18), 1);

        assertEquals(8.0 + TimingLearner.ALPHA * 10.0, timing.secondsPerUnit(), EPS);
        assertEquals(51, timing.samples());
    }

    @Test
    void withNoEstimateTheFirstRunIsTakenAsItIs() {
        StepTiming timing = TimingLearner.learn(Optional.empty(), ENRICH, Duration.ofMillis(1500), 1);

        assertEquals(1.5, timing.secondsPerUnit(), EPS);
    }

    @Test
    void zeroUnitsCountAsOneAndANegativeDurationAsZero() {
        StepTiming zeroUnits = TimingLearner.learn(Optional.empty(), ENRICH, Duration.ofSeconds(4), 0);
        StepTiming negative = TimingLearner.learn(Optional.empty(), ENRICH, Duration.ofSeconds(-4), 1);

        assertEquals(4.0, zeroUnits.secondsPerUnit(), EPS);
        assertEquals(0.0, negative.secondsPerUnit(), EPS);
    }

    @Test
    void secondsPerUnitPrefersLearnedThenEstimateElseNothing() {
        Map<String, StepTiming> learned = Map.of("extract", new StepTiming(7.0, 3));

        assertEquals(OptionalDouble.of(7.0), TimingLearner.secondsPerUnit(EXTRACT, learned));
        assertEquals(OptionalDouble.of(5.0), TimingLearner.secondsPerUnit(EXTRACT, Map.of()));
        assertTrue(TimingLearner.secondsPerUnit(ENRICH, Map.of()).isEmpty());
    }
}
