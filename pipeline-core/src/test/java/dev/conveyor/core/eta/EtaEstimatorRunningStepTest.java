package dev.conveyor.core.eta;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.StepTiming;
import dev.conveyor.pipeline.Estimate;
import dev.conveyor.pipeline.PipelineDefinition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.conveyor.core.eta.SeedPipeline.PIPELINE;
import static dev.conveyor.core.eta.SeedPipeline.at;
import static dev.conveyor.core.eta.SeedPipeline.job;
import static dev.conveyor.core.eta.SeedPipeline.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The running step on scripted timelines: extract (3 files, 5 s each) started at second 0; the rest costs 9 s
 * unless the job's pace (tested in {@link EtaEstimatorJobPaceTest}) says otherwise.
 */
class EtaEstimatorRunningStepTest {

    private static final double EPS = 1e-9;
    /** Early in a step, its spread moves what is left by a fraction of a percent of its expected time. */
    private static final double SPREAD_EPS = 0.05;
    private static final double REST = 6.0 + 1.0 + 2.0;
    private static final Instant LONG_AGO = Instant.parse("1600-01-01T00:00:00Z");

    @Test
    void withoutUnitsTheRunningStepHasItsExpectedTimeLeft() {
        Job job = with(job(JobStatus.RUNNING), "extract", step -> step.start(at(0)));

        double remaining = new EtaEstimator().remainingSeconds(PIPELINE, job, Map.of(), at(4)).orElseThrow();

        // the runs faster than 4 s no longer count, so a little more than 15 − 4 s is left
        assertEquals(15.0 - 4.0 + REST, remaining, SPREAD_EPS);
    }

    @Test
    void withUnitsTheObservedRateIsBlendedByUnitsSeen() {
        // given 1 of 3 files done after 10 s: observed 10 s/file, assumed 5 s/file, each worth 1 unit
        Job job = with(job(JobStatus.RUNNING), "extract", step -> step.start(at(0)).withUnits(1, 3));
        EtaEstimator oneUnitPrior = new EtaEstimator(EtaTuning.defaults().withPriorUnits(1.0).ignoringJobPace());

        double remaining = oneUnitPrior.remainingSeconds(PIPELINE, job, Map.of(), at(10)).orElseThrow();

        // then half of (10 / (1/3) - 10 = 20 s) plus half of (15 × 2/3 = 10 s)
        assertEquals(15.0 + REST, remaining, EPS);
    }

    @Test
    void theObservedRateWeighsMoreAsMoreUnitsAreSeen() {
        // given a step of 100 units expected at 1 s each, running at 2 s each
        PipelineDefinition hundred = PipelineDefinition.named("hundred")
                .step("work", 1, Estimate.perUnit(Duration.ofSeconds(1), 1, "units"), context -> { })
                .build();
        Job started = with(job(hundred, JobStatus.RUNNING), "work", step -> step.start(at(0)));
        EtaEstimator estimator = new EtaEstimator(EtaTuning.defaults().withPriorUnits(20.0));

        // when 10 and then 50 units are done
        double early = estimator.remainingSeconds(hundred, with(started, "work", s -> s.withUnits(10, 100)),
                Map.of(), at(20)).orElseThrow();
        double later = estimator.remainingSeconds(hundred, with(started, "work", s -> s.withUnits(50, 100)),
                Map.of(), at(100)).orElseThrow();

        // then the speed assumed is (10 × 2 + 20 × 1) / 30 s, later (50 × 2 + 20 × 1) / 70 s
        assertEquals(90 * 40.0 / 30.0, early, EPS);
        assertEquals(50 * 120.0 / 70.0, later, EPS);
    }

    @Test
    void aStepWithUnknownSpeedIsEstimatedFromItsObservedRate() {
        PipelineDefinition unknown = PipelineDefinition.named("unknown")
                .step("enrich", 1, Estimate.unknown(), context -> { })
                .build();
        Job job = with(job(unknown, JobStatus.RUNNING), "enrich", step -> step.start(at(0)).withUnits(2, 4));

        double remaining = new EtaEstimator().remainingSeconds(unknown, job, Map.of(), at(6)).orElseThrow();

        assertEquals(6.0, remaining, EPS);
    }

    @Test
    void anOverrunningStepIsGivenMoreTimeTheLongerItRunsNeverZero() {
        // given extract expected to take 15 s, still running without units at 15, 30, 60 and 600 s
        Job job = with(job(JobStatus.RUNNING), "extract", step -> step.start(at(0)));
        EtaEstimator estimator = new EtaEstimator();

        double at15 = estimator.remainingSeconds(PIPELINE, job, Map.of(), at(15)).orElseThrow() - REST;
        double at30 = estimator.remainingSeconds(PIPELINE, job, Map.of(), at(30)).orElseThrow() - REST;
        double at60 = estimator.remainingSeconds(PIPELINE, job, Map.of(), at(60)).orElseThrow() - REST;
        double at600 = estimator.remainingSeconds(PIPELINE, job, Map.of(), at(600)).orElseThrow() - REST;

        // past its usual time the remainder grows, and beyond every run seen it is a share of the time elapsed
        assertTrue(at15 > 0.1 * 15 && at30 > at15 && at60 > at30, at15 + " < " + at30 + " < " + at60);
        assertEquals(0.1 * 600, at600, EPS);
    }

    @Test
    void aStepThatReportedAllItsUnitsButRunsOnIsAlmostDone() {
        Job job = with(job(JobStatus.RUNNING), "extract", step -> step.start(at(0)).withUnits(3, 3));

        EtaEstimator estimator = new EtaEstimator(EtaTuning.defaults().ignoringJobPace());

        double remaining = estimator.remainingSeconds(PIPELINE, job, Map.of(), at(20)).orElseThrow();

        assertEquals(2.0 + REST, remaining, EPS);
    }

    @Test
    void aStepThatStartedAfterNowByClockSkewCountsNothingAsElapsed() {
        Job job = with(job(JobStatus.RUNNING), "extract", step -> step.start(at(10)));

        double remaining = new EtaEstimator().remainingSeconds(PIPELINE, job, Map.of(), at(0)).orElseThrow();

        assertEquals(15.0 + REST, remaining, EPS);
    }

    @Test
    void aQueuedJobsLeftoverRunningStepStartsAgainFromScratch() {
        // given the worker died 100 s into extract, with 2 files of 3 reported; the job was queued again
        Job job = with(job(JobStatus.QUEUED), "extract", step -> step.start(at(0)).withUnits(2, 3));

        double remaining = new EtaEstimator().remainingSeconds(PIPELINE, job, Map.of(), at(100)).orElseThrow();

        assertEquals(15.0 + REST, remaining, EPS);
    }

    @Test
    void learnedSpeedIsWhatTheRunningStepBlendsWith() {
        Job job = with(job(JobStatus.RUNNING), "extract", step -> step.start(at(0)));

        double remaining = new EtaEstimator().remainingSeconds(PIPELINE, job,
                Map.of("extract", new StepTiming(8.0, 30)), at(4)).orElseThrow();

        assertEquals(24.0 - 4.0 + REST, remaining, SPREAD_EPS);
    }

    @Test
    void aStepStartedCenturiesAgoByABrokenClockStillGivesAFiniteAnswer() {
        Job job = with(job(JobStatus.RUNNING), "extract", step -> step.start(LONG_AGO));

        double remaining = new EtaEstimator().remainingSeconds(PIPELINE, job, Map.of(), at(0)).orElseThrow();

        assertTrue(Double.isFinite(remaining) && remaining > REST, "remaining " + remaining);
    }

    @Test
    void estimatesAreNeverNegativeNorNaNAlongATimeline() {
        Job job = with(job(JobStatus.RUNNING), "extract", step -> step.start(at(0)));
        EtaEstimator estimator = new EtaEstimator();
        for (int second = 0; second <= 600; second += 7) {
            double remaining = estimator.remainingSeconds(PIPELINE, job, Map.of(), at(second)).orElseThrow();
            assertTrue(remaining > 0 && Double.isFinite(remaining), "at " + second + " s: " + remaining);
        }
    }
}
