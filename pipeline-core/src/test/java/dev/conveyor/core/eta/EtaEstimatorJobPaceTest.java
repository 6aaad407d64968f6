package dev.conveyor.core.eta;

import dev.conveyor.model.DurationSpread;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.StepTiming;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.conveyor.core.eta.SeedPipeline.PIPELINE;
import static dev.conveyor.core.eta.SeedPipeline.at;
import static dev.conveyor.core.eta.SeedPipeline.completed;
import static dev.conveyor.core.eta.SeedPipeline.job;
import static dev.conveyor.core.eta.SeedPipeline.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A job that ran slower or faster than learned is expected to go on so, the more the surer its steps' evidence:
 * extract has 3 files, the rest 9 s on their definitions' estimates.
 */
class EtaEstimatorJobPaceTest {

    private static final double EPS = 1e-9;
    private static final double REST = 6.0 + 1.0 + 2.0;
    private final EtaEstimator estimator = new EtaEstimator();

    @Test
    void aJobSlowerThanExpectedSoFarIsExpectedSlowerInItsNextStepsButLessThanItWas() {
        // given extract took 30 s where 15 s were expected (pace 2)
        Job job = with(job(JobStatus.RUNNING), "extract", step -> completed(step, 0, 30));

        double remaining = estimator.remainingSeconds(PIPELINE, job, Map.of(), at(30)).orElseThrow();

        // then slower than the estimates, shrunk toward them by the prior spread of jobs' paces
        assertTrue(remaining > REST * 1.05 && remaining < REST * 2.0, "remaining " + remaining);
    }

    @Test
    void theJobsPaceIsIgnoredWhenTheTuningSaysSo() {
        Job job = with(job(JobStatus.RUNNING), "extract", step -> completed(step, 0, 30));
        EtaEstimator ignoring = new EtaEstimator(EtaTuning.defaults().ignoringJobPace());

        double remaining = ignoring.remainingSeconds(PIPELINE, job, Map.of(), at(30)).orElseThrow();

        assertEquals(REST, remaining, EPS);
    }

    @Test
    void aSteadyStepSaysMoreOfTheJobsPaceThanANoisyOne() {
        // given extract took twice its learned time, its runs learned as steady or as spread widely
        Job job = with(job(JobStatus.RUNNING), "extract", step -> completed(step, 0, 30));
        Map<String, StepTiming> steady = Map.of("extract", extractLearned(0.2));
        Map<String, StepTiming> noisy = Map.of("extract", extractLearned(0.8));

        double afterSteady = estimator.remainingSeconds(PIPELINE, job, steady, at(30)).orElseThrow();
        double afterNoisy = estimator.remainingSeconds(PIPELINE, job, noisy, at(30)).orElseThrow();

        assertTrue(afterSteady > afterNoisy && afterNoisy > REST, afterSteady + " vs " + afterNoisy);
    }

    @Test
    void aRunOfManyUnitsSaysMoreOfTheJobsPaceThanARunOfFew() {
        // given extract learned at 3 files a run, then run twice as slow over 3 files or over 12
        Map<String, StepTiming> learned = Map.of("extract", extractLearned(0.6));
        Job few = with(job(JobStatus.RUNNING), "extract", step -> completed(step, 0, 30));
        Job many = with(job(JobStatus.RUNNING), "extract", step -> completed(step.withUnits(0, 12), 0, 120));

        double afterFew = estimator.remainingSeconds(PIPELINE, few, learned, at(30)).orElseThrow();
        double afterMany = estimator.remainingSeconds(PIPELINE, many, learned, at(120)).orElseThrow();

        assertTrue(afterMany > afterFew && afterFew > REST, afterMany + " vs " + afterFew);
    }

    @Test
    void theRunningStepsUnitsSetThePaceOfTheStepsAfterItButNotOfItself() {
        // given extract on its estimate, then 20 of 40 items classified in 12 s where 3 s were expected (pace 4)
        Job job = with(job(JobStatus.RUNNING), "extract", step -> completed(step, 0, 15));
        job = with(job, "classify", step -> step.start(at(15)).withUnits(20, 40));
        EtaEstimator estimator = new EtaEstimator(EtaTuning.defaults().withPriorUnits(20.0));

        double remaining = estimator.remainingSeconds(PIPELINE, job, Map.of(), at(27)).orElseThrow();

        // then classify blends 0.6 s/item seen with 0.15 s/item assumed (extract's pace 1), half each, for 20
        // items; validate and generate (3 s on their estimates) take some of the pace the 20 items showed
        double classify = 20 * (0.5 * 0.6 + 0.5 * 0.15);
        double after = remaining - classify;
        assertTrue(after > 3.0 * 1.05 && after < 3.0 * 4.0, "validate and generate: " + after);
    }

    @Test
    void anOverrunSaysNoMoreOfTheJobsPaceThanTheStepsUsualSlowestRun() {
        Job slow = with(job(JobStatus.RUNNING), "extract", step -> completed(step, 0, 1500));
        Job slower = with(job(JobStatus.RUNNING), "extract", step -> completed(step, 0, 15_000));

        double afterSlow = estimator.remainingSeconds(PIPELINE, slow, Map.of(), at(1500)).orElseThrow();
        double afterSlower = estimator.remainingSeconds(PIPELINE, slower, Map.of(), at(15_000)).orElseThrow();

        assertEquals(afterSlow, afterSlower, EPS);
        assertTrue(afterSlow < REST * 2.0, "remaining " + afterSlow);
    }

    @Test
    void totalSecondsTakesThePaceOfCompletedStepsAsARunningJobWould() {
        Job queued = with(job(JobStatus.QUEUED), "extract", step -> completed(step, 0, 30));
        Job running = with(job(JobStatus.RUNNING), "extract", step -> completed(step, 0, 30));

        double total = estimator.totalSeconds(PIPELINE, queued, Map.of()).orElseThrow();

        assertEquals(estimator.remainingSeconds(PIPELINE, running, Map.of(), at(30)).orElseThrow(), total, EPS);
        assertTrue(total > REST, "total " + total);
    }

    @Test
    void aJobOnItsEstimatesKeepsThem() {
        Job job = with(job(JobStatus.RUNNING), "extract", step -> completed(step, 0, 15));

        double remaining = estimator.remainingSeconds(PIPELINE, job, Map.of(), at(15)).orElseThrow();

        assertEquals(REST, remaining, EPS);
    }

    /** Extract learned at its estimate, 5 s per file over 3 files a run, with runs spread this wide. */
    private static StepTiming extractLearned(double sigma) {
        return new StepTiming(5.0, 30, DurationSpread.logNormal(sigma, 10.0));
    }
}
