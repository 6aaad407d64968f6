package dev.conveyor.bench;

import dev.conveyor.core.eta.TimingLearner;
import dev.conveyor.model.StepTiming;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The study's outcome: MAPE by progress mark (the headline table) and by share of true duration elapsed, and
 * how often each estimator read 0 while work remained.
 */
record StudyResult(StudyConfig config, ErrorTable byProgress, ErrorTable byTime, ZeroReads zeroReads,
                   Map<String, StepTiming> learnedAfterWarmup) {

    StudyResult {
        learnedAfterWarmup = Map.copyOf(learnedAfterWarmup);
    }

    String format() {
        Workload w = config.workload();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "ETA accuracy study: seed %d, %d warm-up jobs, then %d evaluated jobs "
                        + "(learning goes on as they run)%n", config.seed(), config.warmupJobs(),
                config.evaluatedJobs()));
        out.append("pipeline: extract 25 (5 s/file) / classify 25 (3 s/20 items) / review 10 (gate, skipped) / "
                + "validate 20 (1 s) / generate 20 (2 s); estimates are the definitions' fixed guesses\n");
        out.append(w.describe()).append('\n');
        out.append(String.format(Locale.ROOT, "  true mean seconds per unit: extract %.2f, classify %.3f, "
                        + "validate %.2f, generate %.2f (times the job pace, mean %.3f)%n",
                w.meanSecondsPerUnit(w.extractSecondsPerFile(), true),
                w.meanSecondsPerUnit(w.classifySecondsPerItem(), true),
                w.meanSecondsPerUnit(w.validateSeconds(), false), w.meanSecondsPerUnit(w.generateSeconds(), false),
                Math.exp(w.jobSpread() * w.jobSpread() / 2)));
        out.append("  learned after warm-up:");
        new TreeMap<>(learnedAfterWarmup).forEach((step, timing) -> out.append(
                String.format(Locale.ROOT, " %s %.3f (%d units)", step, timing.secondsPerUnit(), timing.samples())));
        out.append(String.format(Locale.ROOT, "%nour estimator: priorUnits %.1f, overrunShare %.2f, paceSpread %.2f, "
                        + "learner alpha %.2f%n%n", config.tuning().priorUnits(), config.tuning().overrunShare(),
                config.tuning().paceSpread(), TimingLearner.ALPHA));
        out.append("MAPE of estimated_remaining_seconds when pipeline_progress first reaches\n");
        out.append(byProgress.format("estimator"));
        out.append("\nMAPE of estimated_remaining_seconds when this share of the job's true duration has passed\n");
        out.append(byTime.format("estimator"));
        out.append('\n').append(zeroReads.format());
        return out.toString();
    }
}
