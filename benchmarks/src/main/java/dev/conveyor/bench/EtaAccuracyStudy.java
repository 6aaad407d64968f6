package dev.conveyor.bench;

import dev.conveyor.core.eta.EtaEstimator;
import dev.conveyor.model.StepTiming;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How accurate is {@code estimated_remaining_seconds}? Replays seeded synthetic jobs of the seeds' five-step
 * pipeline in virtual time and reports the mean absolute percentage error of Conveyor's estimator, of the
 * two hand-written methods it replaces (fixed averages, and {@code elapsed / fraction − elapsed}), on the same traces, and how often
 * each read 0 while work remained. Two workloads: {@code default}, and {@code overruns}, where a fifth of the
 * jobs have one step run 3–5 times its usual time without reporting units.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.conveyor.bench.EtaAccuracyStudy
 * [--seed N] [--warmup N] [--jobs N] [--prior-units X] [--overrun-share X] [--pace-spread X]
 * [--workload default|overruns]}.
 */
public final class EtaAccuracyStudy {

    private EtaAccuracyStudy() {
    }

    public static void main(String[] args) {
        System.out.print(run(StudyConfig.parse(args)).format());
    }

    static StudyResult run(StudyConfig config) {
        TraceGenerator generator = new TraceGenerator(config.workload(), config.seed());
        List<JobTrace> warmup = generator.next(config.warmupJobs());
        List<JobTrace> evaluated = generator.next(config.evaluatedJobs());

        Map<String, StepTiming> learned = new HashMap<>();
        int index = 0;
        for (JobTrace trace : warmup) {
            TraceReplay.replay(SeedWorkload.PIPELINE, trace, index++, learned, JobEvaluation.learningOnly(learned));
        }
        Map<String, StepTiming> afterWarmup = Map.copyOf(learned);

        List<RemainingEstimator> estimators = List.of(
                new OurEstimator(new EtaEstimator(config.tuning()), learned),
                new FixedAverages(),
                new ElapsedOverFraction(),
                new Oracle(config.workload()));
        List<String> names = estimators.stream().map(RemainingEstimator::name).toList();
        ErrorTable byProgress = new ErrorTable(names, JobEvaluation.MARKS);
        ErrorTable byTime = new ErrorTable(names, JobEvaluation.MARKS);
        ZeroReads zeroReads = new ZeroReads(names);
        for (JobTrace trace : evaluated) {
            TraceReplay.replay(SeedWorkload.PIPELINE, trace, index++, learned,
                    new JobEvaluation(learned, estimators, byProgress, byTime, zeroReads, trace));
        }
        return new StudyResult(config, byProgress, byTime, zeroReads, afterWarmup);
    }
}
