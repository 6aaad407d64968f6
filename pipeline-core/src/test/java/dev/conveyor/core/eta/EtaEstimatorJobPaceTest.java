package dev.conveyor.core.eta;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.conveyor.core.eta.SeedPipeline.PIPELINE;
import static dev.conveyor.core.eta.SeedPipeline.at;
import static dev.conveyor.core.eta.SeedPipeline.completed;
import static dev.conveyor.core.eta.SeedPipeline.job;
import static dev.conveyor.core.eta.SeedPipeline.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A job that ran slower or faster than learned is expected to go on so: extract has 3 files, the rest 9 s. */
class EtaEstimatorJobPaceTest {

    private static final double EPS = 1e-9;
    private static final double REST = 6.0 + 1.0 + 2.0;

    @Test
    void aJobSlowerThanExpectedSoFarIsExpectedSlowerInItsNextSteps() {
        // given extract took 30 s where 15 s were expected (pace 2, over 3 units), believed halfway at 3 units
        Job job = with(job(JobStatus.RUNNING), "extract", step -> completed(step, 0, 30));
        EtaEstimator estimator = new EtaEstimator(EtaTuning.defaults().withPaceUnits(3.0));

        double remaining = estimator.remainingSeconds(PIPELINE, job, Map.of(), at(30)).orElseThrow();

        // then halfway in log terms: a pace of sqrt(2)
        assertEquals(REST * Math.sqrt(2.0), remaining, EPS);
    }

    @Test
    void theJobsPaceIsIgnoredWhenTheTuningSaysSo() {
        Job job = with(job(JobStatus.RUNNING), "extract", step -> completed(step, 0, 30));
        EtaEstimator estimator = new EtaEstimator(EtaTuning.defaults().ignoringJobPace());

        double remaining = estimator.remainingSeconds(PIPELINE, job, Map.of(), at(30)).orElseThrow();

        assertEquals(REST, remaining, EPS);
    }

    @Test
    void theRunningStepsUnitsSetThePaceOfTheStepsAfterItButNotOfItself() {
        // given extract on its estimate, then 20 of 40 items classified in 12 s where 3 s were expected (pace 4)
        Job job = with(job(JobStatus.RUNNING), "extract", step -> completed(step, 0, 15));
        job = with(job, "classify", step -> step.start(at(15)).withUnits(20, 40));
        EtaEstimator estimator = new EtaEstimator(new EtaTuning(20.0, 0.1, 0.0));

        double remaining = estimator.remainingSeconds(PIPELINE, job, Map.of(), at(27)).orElseThrow();

        // then classify blends 0.6 s/item seen with 0.15 s/item assumed (extract's pace 1), half each, for 20
        // items; validate and generate take the pace of all 23 units: 4^(20/23)
        double classify = 20 * (0.5 * 0.6 + 0.5 * 0.15);
        assertEquals(classify + 3.0 * Math.pow(4.0, 20.0 / 23.0), remaining, EPS);
    }

    @Test
    void oneExtremeStepCountsAsTenTimesSlowerAtMost() {
        // given extract took 1500 s where 15 s were expected, and the pace believed at once
        Job job = with(job(JobStatus.RUNNING), "extract", step -> completed(step, 0, 1500));
        EtaEstimator estimator = new EtaEstimator(EtaTuning.defaults().withPaceUnits(0.0));

        double remaining = estimator.remainingSeconds(PIPELINE, job, Map.of(), at(1500)).orElseThrow();

        assertEquals(REST * 10.0, remaining, EPS);
    }

    @Test
    void totalSecondsTakesThePaceOfCompletedSteps() {
        Job job = with(job(JobStatus.QUEUED), "extract", step -> completed(step, 0, 30));
        EtaEstimator estimator = new EtaEstimator(EtaTuning.defaults().withPaceUnits(3.0));

        double total = estimator.totalSeconds(PIPELINE, job, Map.of()).orElseThrow();

        assertEquals(REST * Math.sqrt(2.0), total, EPS);
    }

    @Test
    void aJobOnItsEstimatesKeepsThemWhateverThePaceWeight() {
        Job job = with(job(JobStatus.RUNNING), "extract", step -> completed(step, 0, 15));
        EtaEstimator estimator = new EtaEstimator(EtaTuning.defaults().withPaceUnits(0.0));

        double remaining = estimator.remainingSeconds(PIPELINE, job, Map.of(), at(15)).orElseThrow();

        assertEquals(REST, remaining, EPS);
    }
}
