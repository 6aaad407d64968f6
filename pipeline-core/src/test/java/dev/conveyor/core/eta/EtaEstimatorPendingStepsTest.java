package dev.conveyor.core.eta;

import dev.conveyor.model.DurationSpread;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepTiming;
import dev.conveyor.model.UserError;
import dev.conveyor.pipeline.Estimate;
import dev.conveyor.pipeline.PipelineDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static dev.conveyor.core.eta.SeedPipeline.PIPELINE;
import static dev.conveyor.core.eta.SeedPipeline.at;
import static dev.conveyor.core.eta.SeedPipeline.completed;
import static dev.conveyor.core.eta.SeedPipeline.job;
import static dev.conveyor.core.eta.SeedPipeline.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EtaEstimatorPendingStepsTest {

    private static final double EPS = 1e-9;
    private final EtaEstimator estimator = new EtaEstimator();

    @Test
    void pendingStepsSumTheirEstimatesTimesTheirUnits() {
        // given a queued job with 3 files and 40 items: 3 × 5 s + 40 × 0.15 s + review 0 + 1 s + 2 s
        Job job = job(JobStatus.QUEUED);

        // when
        Optional<Double> remaining = estimator.remainingSeconds(PIPELINE, job, Map.of(), at(0));

        // then
        assertEquals(24.0, remaining.orElseThrow(), EPS);
    }

    @Test
    void perUnitEstimateIsMultipliedByTheFilesInTheInput() {
        PipelineDefinition extractOnly = PipelineDefinition.named("extract-only")
                .step("extract", 1, Estimate.perUnit(Duration.ofSeconds(5), 1, "files"), context -> { })
                .build();

        Job job = job(extractOnly, JobStatus.RUNNING);

        Optional<Double> remaining = estimator.remainingSeconds(extractOnly, job, Map.of(), at(0));

        assertEquals(15.0, remaining.orElseThrow(), EPS);
    }

    @Test
    void unitsTheStepAlreadyReportedWinOverTheInputCount() {
        // given extract reported 4 files on an earlier attempt, though the input lists 3
        Job job = with(job(JobStatus.QUEUED), "extract", step -> step.withUnits(0, 4));

        Optional<Double> remaining = estimator.remainingSeconds(PIPELINE, job, Map.of(), at(0));

        assertEquals(20.0 + 6.0 + 1.0 + 2.0, remaining.orElseThrow(), EPS);
    }

    @Test
    void learnedSpeedBeatsTheDefinitionsEstimate() {
        Map<String, StepTiming> learned = Map.of("extract", new StepTiming(7.0, 12), "generate",
                new StepTiming(3.5, 12));

        Optional<Double> remaining = estimator.remainingSeconds(PIPELINE, job(JobStatus.QUEUED), learned, at(0));

        assertEquals(21.0 + 6.0 + 1.0 + 3.5, remaining.orElseThrow(), EPS);
    }

    @Test
    void completedSkippedAndFailedStepsCountNothing() {
        // given extract completed on its estimate, classify failed on an earlier run, validate skipped
        Job job = with(job(JobStatus.RUNNING), "extract", step -> completed(step, 0, 15));
        job = with(job, "classify", step -> step.start(at(20))
                .fail(at(25), UserError.of("bad_input", "Item 3 is unreadable."), 1, 40, 0.0));
        job = with(job, "validate", StepRecord::skip);

        Optional<Double> remaining = estimator.remainingSeconds(PIPELINE, job, Map.of(), at(30));

        assertEquals(2.0, remaining.orElseThrow(), EPS);
    }

    @Test
    void reviewGateCountsNothingEvenWithALearnedWaitingTime() {
        Job job = with(job(JobStatus.RUNNING), "extract", step -> completed(step, 0, 15));
        job = with(job, "classify", step -> completed(step, 15, 21));

        Optional<Double> remaining = estimator.remainingSeconds(PIPELINE, job,
                Map.of("review", new StepTiming(3600.0, 5)), at(21));

        assertEquals(3.0, remaining.orElseThrow(), EPS);
    }

    @Test
    void pendingStepsBeforeStartFromCountNothing() {
        Job job = job(JobStatus.QUEUED, PipelineOptions.defaults().withStartFrom("validate"));

        Optional<Double> remaining = estimator.remainingSeconds(PIPELINE, job, Map.of(), at(0));

        assertEquals(3.0, remaining.orElseThrow(), EPS);
    }

    @Test
    void aStepStillToRunWithNoKnownSpeedMakesTheEstimateEmpty() {
        PipelineDefinition withUnknown = PipelineDefinition.named("with-unknown")
                .step("extract", 50, Estimate.perUnit(Duration.ofSeconds(5), 1, "files"), context -> { })
                .step("enrich", 50, Estimate.unknown(), context -> { })
                .build();

        Job job = job(withUnknown, JobStatus.RUNNING);

        Optional<Double> remaining = estimator.remainingSeconds(withUnknown, job, Map.of(), at(0));

        assertTrue(remaining.isEmpty(), "an unknown step still to run leaves nothing to say");
    }

    @Test
    void aStepWithNoKnownSpeedCountsOnceLearned() {
        PipelineDefinition withUnknown = PipelineDefinition.named("with-unknown")
                .step("enrich", 1, Estimate.unknown(), context -> { })
                .build();

        Job job = job(withUnknown, JobStatus.RUNNING);

        Optional<Double> remaining = estimator.remainingSeconds(withUnknown, job,
                Map.of("enrich", new StepTiming(4.0, 1)), at(0));

        assertEquals(4.0, remaining.orElseThrow(), EPS);
    }

    @ParameterizedTest
    @EnumSource(value = JobStatus.class, names = {"CREATED", "AWAITING_REVIEW", "COMPLETED", "FAILED", "CANCELLED"})
    void onlyQueuedOrRunningJobsHaveARemainingTime(JobStatus status) {
        Optional<Double> remaining = estimator.remainingSeconds(PIPELINE, job(status), Map.of(), at(0));

        assertTrue(remaining.isEmpty(), () -> status + " job should have no remaining time");
    }

    @ParameterizedTest
    @EnumSource(JobStatus.class)
    void totalSecondsIgnoresTheJobsStatus(JobStatus status) {
        Optional<Double> total = estimator.totalSeconds(PIPELINE, job(status), Map.of());

        assertEquals(24.0, total.orElseThrow(), EPS);
    }

    @Test
    void totalSecondsCountsTheRunningStepFromScratch() {
        // given extract done, classify running for 100 s with half its items done
        Job job = with(job(JobStatus.RUNNING), "extract", step -> completed(step, 0, 15));
        job = with(job, "classify", step -> step.start(at(15)).withUnits(20, 40));

        Optional<Double> total = estimator.totalSeconds(PIPELINE, job, Map.of());

        assertEquals(6.0 + 1.0 + 2.0, total.orElseThrow(), EPS);
    }

    @Test
    void rareOverrunsOfAStepDoNotPullItsEstimateBelowWhereItsUsualRunsPutIt() {
        // given classify's runs of 40 items spread log-normally by 0.2, or the same with two runs four times as long
        DurationSpread usual = DurationSpread.logNormal(0.2, 38.0);
        DurationSpread withOverruns = usual.decayedWith(4.0, 1.0).decayedWith(4.0, 1.0);

        // when a queued job of 40 items is estimated with either
        double aimUsual = classifyShareOfTypical(usual);
        double aimWithOverruns = classifyShareOfTypical(withOverruns);

        // then classify is aimed as far below its typical time with both: the overruns are far off and seldom
        assertTrue(aimUsual < 1.0, () -> "aimed at " + aimUsual + " of the typical time");
        assertEquals(aimUsual, aimWithOverruns, 0.01);
    }

    /** Classify's seconds in a queued job's estimate, over its typical time (speed × items × median / mean). */
    private double classifyShareOfTypical(DurationSpread spread) {
        Map<String, StepTiming> learned = Map.of("classify", new StepTiming(0.15, 40 * 40, spread));
        double remaining = estimator.remainingSeconds(PIPELINE, job(JobStatus.QUEUED), learned, at(0)).orElseThrow();
        double classify = remaining - 15.0 - 1.0 - 2.0;
        return classify / (0.15 * 40 * spread.quantile(0.5) / spread.mean());
    }
}
