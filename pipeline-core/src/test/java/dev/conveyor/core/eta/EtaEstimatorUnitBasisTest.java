package dev.conveyor.core.eta;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepTiming;
import dev.conveyor.pipeline.Estimate;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.StepDefinition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.conveyor.core.eta.SeedPipeline.PIPELINE;
import static dev.conveyor.core.eta.SeedPipeline.at;
import static dev.conveyor.core.eta.SeedPipeline.completed;
import static dev.conveyor.core.eta.SeedPipeline.job;
import static dev.conveyor.core.eta.SeedPipeline.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fixed step that reports units is learned and predicted per run, so what is learned is what is expected. */
class EtaEstimatorUnitBasisTest {

    private static final double EPS = 1e-9;
    private static final StepDefinition VALIDATE = PIPELINE.steps().get(PIPELINE.indexOf("validate"));

    @Test
    void aFixedStepLearnedFromARunThatReportedUnitsIsExpectedToTakeWhatItLearned() {
        // given validate (estimated 1 s) took 10 s on a run that reported 5 units, learned as the engine does
        Job earlier = with(job(JobStatus.RUNNING), "validate", step -> step.start(at(0))
                .complete(at(10), Payload.empty(), List.of(), 5, 5, 0.0));
        StepRecord done = earlier.step("validate").orElseThrow();
        StepTiming learned = TimingLearner.learn(Optional.empty(), VALIDATE, done.durationMs().map(Duration::ofMillis)
                .orElseThrow(), TimingLearner.unitsOf(VALIDATE, done, earlier.input()));

        // when a new job is queued
        double remaining = new EtaEstimator().remainingSeconds(PIPELINE, job(JobStatus.QUEUED),
                Map.of("validate", learned), at(0)).orElseThrow();

        // then validate counts one run of (1 s × 2 + 10 s) / 3, not a fifth of it, taken from the mean of its
        // spread of durations (now with a 10-times run in it) to the spread's median, and below it for what is
        // unknown of it (much here: one run of ten times the estimate makes a wide spread)
        assertEquals(4.0, learned.secondsPerUnit(), EPS);
        double typical = 4.0 * learned.spread().quantile(0.5) / learned.spread().mean();
        assertTrue(typical < 4.0, "the one slow run pulls the mean above the typical run: " + typical);
        double validate = remaining - (15.0 + 6.0 + 2.0);
        assertTrue(validate < typical && validate > 0.4 * typical, "validate " + validate + ", typical " + typical);
    }

    @Test
    void aRunningFixedStepThatReportsUnitsBlendsItsRunTimeSharedOverThem() {
        // given validate learned at 4 s per run, running with 1 of 4 reported units done after 2 s
        Job job = with(job(JobStatus.RUNNING), "extract", step -> completed(step, 0, 15));
        job = with(job, "classify", step -> completed(step, 15, 21));
        job = with(job, "review", StepRecord::skip);
        job = with(job, "validate", step -> step.start(at(21)).withUnits(1, 4));
        EtaEstimator oneUnitPrior = new EtaEstimator(EtaTuning.defaults().withPriorUnits(1.0).ignoringJobPace());

        double remaining = oneUnitPrior.remainingSeconds(PIPELINE, job, Map.of("validate", new StepTiming(4.0, 10)),
                at(23)).orElseThrow();

        // then each reported unit is assumed at 4 / 4 s, seen at 2 s, half each, for 3 units; generate 2 s
        assertEquals(3 * (0.5 * 2.0 + 0.5 * 1.0) + 2.0, remaining, EPS);
    }

    @Test
    void aRunningFixedStepSetsThePaceByTheShareOfItsReportedUnitsDone() {
        // given scan (10 s) half done by its reported units after 10 s: twice as slow as expected
        PipelineDefinition scanThenGenerate = PipelineDefinition.named("scan-then-generate")
                .step("scan", 50, Estimate.fixed(Duration.ofSeconds(10)), context -> { })
                .step("generate", 50, Estimate.fixed(Duration.ofSeconds(2)), context -> { })
                .build();
        Job job = with(job(scanThenGenerate, JobStatus.RUNNING), "scan", step -> step.start(at(0)).withUnits(1, 2));
        // paces assumed to differ so widely between jobs that the job's own is believed almost at once
        EtaEstimator believedAtOnce = new EtaEstimator(new EtaTuning(0.0, 0.1, 10.0));

        double remaining = believedAtOnce.remainingSeconds(scanThenGenerate, job, Map.of(), at(10)).orElseThrow();

        // then scan has its observed 10 s per reported unit left, and generate takes the pace 2: 2 × 2 s
        assertEquals(10.0 + 4.0, remaining, 0.01);
    }
}
