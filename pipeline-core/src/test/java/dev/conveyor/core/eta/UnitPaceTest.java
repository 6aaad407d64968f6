package dev.conveyor.core.eta;

import dev.conveyor.model.DurationSpread;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepTiming;
import dev.conveyor.model.UnitPace;
import dev.conveyor.model.UnitReference;
import dev.conveyor.pipeline.StepDefinition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static dev.conveyor.core.eta.SeedPipeline.PIPELINE;
import static dev.conveyor.core.eta.SeedPipeline.T0;
import static dev.conveyor.core.eta.SeedPipeline.at;
import static dev.conveyor.core.eta.SeedPipeline.completed;
import static dev.conveyor.core.eta.SeedPipeline.job;
import static dev.conveyor.core.eta.SeedPipeline.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How fast a run got through its units, as its reports show, and what that says of the job's pace. */
class UnitPaceTest {

    private static final double EPS = 1e-9;
    private static final double USUAL = Math.log(5.0);
    private static final StepDefinition EXTRACT = PIPELINE.step("extract").orElseThrow();

    @Test
    void eachReportAddsTheLogOfItsSecondsPerUnitForEachOfItsUnits() {
        UnitPace pace = UnitPace.startedAt(T0).reported(2, at(10), USUAL).reported(3, at(15), USUAL);

        assertEquals(3, pace.units());
        assertEquals(USUAL, pace.logMean(), EPS);
        assertEquals(0.0, pace.logVariance(), EPS);
        assertEquals(at(15), pace.at());
    }

    @Test
    void oneUnitTenTimesSlowerCountsAsTheRunsCentre() {
        UnitPace ordinary = UnitPace.startedAt(T0).reported(2, at(10), USUAL);

        UnitPace slow = ordinary.reported(3, at(60), USUAL);

        // the centre is the usual log, worth two units, and the run's own two units: both at 5 s per unit
        assertEquals(USUAL, slow.logSum() - ordinary.logSum(), EPS);
        assertEquals(3, slow.units());
    }

    @Test
    void aUnitSomewhatSlowerThanTheCentreCountsAsItWent() {
        UnitPace ordinary = UnitPace.startedAt(T0).reported(2, at(10), USUAL);

        // 10 s for one unit usually taking 5: log 2 = 0.69 above the centre, within what ordinary units show
        UnitPace slower = ordinary.reported(3, at(20), USUAL);

        assertEquals(Math.log(10.0), slower.logSum() - ordinary.logSum(), EPS);
    }

    @Test
    void aReportWithoutNewUnitsChangesNothing() {
        UnitPace pace = UnitPace.startedAt(T0).reported(2, at(10), USUAL);

        assertSame(pace, pace.reported(2, at(30), USUAL));
    }

    @Test
    void theLearnerKeepsTheUsualLogOfAUnitAndItsSpreadWithinARun() {
        UnitPace pace = new UnitPace(4, 4 * USUAL, 4 * USUAL * USUAL + 3 * 0.09, T0);

        StepTiming first = TimingLearner.learn(Optional.empty(), EXTRACT, Duration.ofSeconds(20), 4,
                Optional.of(pace));
        StepTiming second = TimingLearner.learn(Optional.of(first), EXTRACT, Duration.ofSeconds(40), 4,
                Optional.of(new UnitPace(4, 4 * (USUAL + 1.0), 4 * (USUAL + 1.0) * (USUAL + 1.0), T0)));

        assertEquals(USUAL, first.units().logMean(), EPS);
        assertEquals(0.09, first.units().withinVariance(), EPS);
        assertEquals(1.0, first.units().runs(), EPS);
        assertTrue(second.units().logMean() > USUAL && second.units().logMean() < USUAL + 1.0);
        assertTrue(second.units().withinVariance() < 0.09, "variance " + second.units().withinVariance());
    }

    @Test
    void aStepWhoseUnitsWentSlowerThanUsualSetsASlowerPaceForTheStepsAfterIt() {
        // given extract's units learned at 5 s each, spreading 0.1 in log terms within a run; this job's extract
        // took its usual 15 s in all, but its units said otherwise
        Map<String, StepTiming> learned = Map.of("extract", new StepTiming(5.0, 30, DurationSpread.logNormal(0.4,
                10.0), new UnitReference(USUAL, 0.1, 10.0)));
        Job usual = with(job(JobStatus.RUNNING), "extract", step -> withPace(completed(step, 0, 15), USUAL));
        Job slow = with(job(JobStatus.RUNNING), "extract", step -> withPace(completed(step, 0, 15), USUAL + 0.3));

        double afterUsual = new EtaEstimator().remainingSeconds(PIPELINE, usual, learned, at(15)).orElseThrow();
        double afterSlow = new EtaEstimator().remainingSeconds(PIPELINE, slow, learned, at(15)).orElseThrow();

        assertTrue(afterSlow > afterUsual * 1.1 && afterSlow < afterUsual * Math.exp(0.3),
                afterSlow + " vs " + afterUsual);
    }

    private static StepRecord withPace(StepRecord step, double logMean) {
        return step.withUnitPace(Optional.of(new UnitPace(3, 3 * logMean, 3 * logMean * logMean, at(15))));
    }
}
