package dev.conveyor.bench;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.StepRecord;
import dev.conveyor.pipeline.StepDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ETA study's claims, on a seed other than the reported one, and its mechanics. */
class EtaAccuracyStudyTest {

    /** The estimators in the study's order. */
    private static final int OURS = 0;
    private static final int FIXED_AVERAGES = 1;
    private static final int ELAPSED_OVER_FRACTION = 2;

    private static final StudyConfig TINY = StudyConfig.parse("--seed", "3", "--warmup", "5", "--jobs", "20");

    @Test
    void aTinyStudyGivesAFiniteErrorForEveryEstimatorAndMark() {
        StudyResult result = EtaAccuracyStudy.run(TINY);

        for (ErrorTable table : List.of(result.byProgress(), result.byTime())) {
            for (int e = 0; e < table.estimatorCount(); e++) {
                for (int m = 0; m < table.markCount(); m++) {
                    double mape = table.mape(e, m);
                    assertTrue(Double.isFinite(mape) && mape >= 0, "estimator " + e + ", mark " + m + ": " + mape);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "overruns"})
    void oursBeatsBothSeedMethodsAtEveryMarkAndNeverReadsZeroWhileWorkRemains(String workload) {
        StudyResult result = EtaAccuracyStudy.run(StudyConfig.parse("--seed", "3", "--warmup", "30", "--jobs", "200",
                "--workload", workload));

        for (ErrorTable table : List.of(result.byProgress(), result.byTime())) {
            for (int m = 0; m < table.markCount(); m++) {
                double ours = table.mape(OURS, m);
                assertTrue(ours < table.mape(FIXED_AVERAGES, m) && ours < table.mape(ELAPSED_OVER_FRACTION, m),
                        workload + ", mark " + m + ": ours " + ours + "\n" + result.format());
            }
        }
        assertTrue(result.zeroReads().moments() > 10_000, result.format());
        assertEquals(0, result.zeroReads().zeros(OURS), result.format());
    }

    @Test
    void theSameSeedGivesTheSameReportNamingItsSeed() {
        String first = EtaAccuracyStudy.run(TINY).format();
        String second = EtaAccuracyStudy.run(TINY).format();

        assertEquals(first, second);
        assertTrue(first.contains("seed 3"), first);
    }

    @Test
    void aReplayedJobMovesForwardAndEndsWhenItsTraceSaysSo() {
        JobTrace trace = new TraceGenerator(Workload.defaults(), 11L).next();
        List<Double> progress = new ArrayList<>();
        List<Job> states = new ArrayList<>();
        List<Instant> times = new ArrayList<>();

        TraceReplay.replay(SeedWorkload.PIPELINE, trace, 0, new java.util.HashMap<>(), new TraceReplay.Listener() {
            @Override
            public void stepCompleted(StepDefinition step, StepRecord record, Job job) {
            }

            @Override
            public void state(Job job, Instant at) {
                states.add(job);
                times.add(at);
                progress.add(PipelineProgress.of(SeedWorkload.PIPELINE, job));
            }
        });

        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), "progress went back at state " + i);
        }
        assertEquals(100.0, progress.getLast(), 1e-9);
        assertEquals(JobStatus.COMPLETED, states.getLast().status());
        double seconds = Duration.between(TraceReplay.START, times.getLast()).toNanos() / 1e9;
        assertEquals(trace.totalSeconds(), seconds, 1e-6);
    }
}
