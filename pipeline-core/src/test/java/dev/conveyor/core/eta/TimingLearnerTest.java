package dev.conveyor.core.eta;

import dev.conveyor.model.Payload;
import dev.conveyor.model.StepRecord;
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
    private static final Payload THREE_FILES = Payload.of("files", 3);
    private static final StepDefinition EXTRACT = StepDefinition.of("extract", context -> { })
            .estimate(Estimate.perUnit(Duration.ofSeconds(5), 1, "files"));
    private static final StepDefinition VALIDATE = StepDefinition.of("validate", context -> { })
            .estimate(Estimate.fixed(Duration.ofSeconds(1)));
    private static final StepDefinition ENRICH = StepDefinition.of("enrich", context -> { });

    @Test
    void firstRunMovesTheDefinitionsEstimateOnlyPartWay() {
        // given nothing learned; extract is estimated at 5 s per file and took 20 s for 2 files
        StepTiming timing = TimingLearner.learn(Optional.empty(), EXTRACT, Duration.ofSeconds(20), 2);

        // then the estimate is worth two runs of that size: (5 × 4 + 20) / 6 units
        assertEquals(40.0 / 6.0, timing.secondsPerUnit(), EPS);
        assertEquals(6, timing.samples());
    }

    @Test
    void theAverageMovesTowardTheSamplesAndSettlesOnThem() {
        Optional<StepTiming> timing = Optional.empty();
        double before = 5.0;
        for (int run = 0; run < 150; run++) {
            timing = Optional.of(TimingLearner.learn(timing, EXTRACT, Duration.ofSeconds(30), 3));
            double now = timing.orElseThrow().secondsPerUnit();
            assertTrue(now > before && now <= 10.0, "run " + run + " moved from " + before + " to " + now);
            before = now;
        }
        assertEquals(10.0, before, 0.01);
    }

    @Test
    void aRunWeighsItsUnitsAgainstTheDecayedUnitsBehindTheAverage() {
        // given 8 s per file learned over 60 units; 5 % of them are forgotten at the next run
        StepTiming settled = new StepTiming(8.0, 60);

        // when a 1-file run takes 18 s and, instead, a 10-file run takes 180 s
        StepTiming small = TimingLearner.learn(Optional.of(settled), EXTRACT, Duration.ofSeconds(18), 1);
        StepTiming big = TimingLearner.learn(Optional.of(settled), EXTRACT, Duration.ofSeconds(180), 10);

        // then each is total seconds over total units: (8 × 57 + 18) / 58 and (8 × 57 + 180) / 67
        assertEquals((8.0 * 57 + 18.0) / 58, small.secondsPerUnit(), EPS);
        assertEquals(58, small.samples());
        assertEquals((8.0 * 57 + 180.0) / 67, big.secondsPerUnit(), EPS);
        assertEquals(67, big.samples());
    }

    @Test
    void theLearnedSpeedIsTotalSecondsOverTotalUnitsNotAMeanOfPerRunSpeeds() {
        // given runs alternate: 2 files at 20 s each (40 s), then 12 files at 5 s each (60 s)
        Optional<StepTiming> timing = Optional.empty();
        for (int pair = 0; pair < 100; pair++) {
            timing = Optional.of(TimingLearner.learn(timing, EXTRACT, Duration.ofSeconds(40), 2));
            timing = Optional.of(TimingLearner.learn(timing, EXTRACT, Duration.ofSeconds(60), 12));
        }

        // then the speed is near 100 s / 14 files = 7.1 s, far from the mean of 20 and 5 s per file (12.5 s)
        assertEquals(100.0 / 14.0, timing.orElseThrow().secondsPerUnit(), 0.5);
    }

    @Test
    void aOneUnitStepSettlesOnTenRunsOfUnitsBehindItsAverage() {
        Optional<StepTiming> timing = Optional.empty();
        for (int run = 0; run < 100; run++) {
            timing = Optional.of(TimingLearner.learn(timing, VALIDATE, Duration.ofSeconds(2), 1));
        }

        assertEquals(Math.round(1.0 / TimingLearner.ALPHA), timing.orElseThrow().samples());
    }

    @Test
    void aStoredAverageWithNoUnitsBehindItIsReplacedByTheRun() {
        StepTiming empty = new StepTiming(8.0, 0);

        StepTiming timing = TimingLearner.learn(Optional.of(empty), EXTRACT, Duration.ofSeconds(12), 4);

        assertEquals(3.0, timing.secondsPerUnit(), EPS);
        assertEquals(4, timing.samples());
    }

    @Test
    void withNoEstimateTheFirstRunIsTakenAsItIs() {
        StepTiming timing = TimingLearner.learn(Optional.empty(), ENRICH, Duration.ofMillis(1500), 1);

        assertEquals(1.5, timing.secondsPerUnit(), EPS);
        assertEquals(1, timing.samples());
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

    @Test
    void aPerUnitStepCountsTheUnitsItReportedElseThoseOfTheInput() {
        StepRecord pending = StepRecord.pending("extract");

        assertEquals(3, TimingLearner.unitsOf(EXTRACT, pending, THREE_FILES));
        assertEquals(4, TimingLearner.unitsOf(EXTRACT, pending.withUnits(1, 4), THREE_FILES));
    }

    @Test
    void aFixedOrUnknownStepCountsOneRunWhateverItReports() {
        StepRecord reported = StepRecord.pending("any").withUnits(3, 8);

        assertEquals(1, TimingLearner.unitsOf(VALIDATE, reported, THREE_FILES));
        assertEquals(1, TimingLearner.unitsOf(ENRICH, reported, THREE_FILES));
    }
}
