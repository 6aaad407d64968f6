package dev.conveyor.bench;

import dev.conveyor.core.eta.TimingLearner;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepTiming;
import dev.conveyor.pipeline.StepDefinition;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Follows one replayed job: learns each completed step's timing as the engine would, and asks every
 * estimator for the remaining seconds when {@code pipeline_progress} first reaches each progress mark, and
 * when each share of the job's true duration has passed (mid-step moments, where the running step counts).
 */
final class JobEvaluation implements TraceReplay.Listener {

    static final List<Integer> MARKS = List.of(25, 50, 75);
    /** Moments per job, evenly spread over its true duration, at which a 0 read is looked for. */
    private static final int SAMPLES = 100;

    private final Map<String, StepTiming> learned;
    private final List<RemainingEstimator> estimators;
    private final ErrorTable byProgress;
    private final ErrorTable byTime;
    private final ZeroReads zeroReads;
    private final JobTrace trace;
    private final double totalSeconds;
    private int nextProgressMark;
    private int nextTimeMark;
    private int nextSample = 1;
    private Job previous;

    /** A job that only teaches the learner (a warm-up job): no estimator is asked anything. */
    static TraceReplay.Listener learningOnly(Map<String, StepTiming> learned) {
        return new JobEvaluation(learned, List.of(), null, null, null, null);
    }

    JobEvaluation(Map<String, StepTiming> learned, List<RemainingEstimator> estimators, ErrorTable byProgress,
                  ErrorTable byTime, ZeroReads zeroReads, JobTrace trace) {
        this.learned = learned;
        this.estimators = List.copyOf(estimators);
        this.byProgress = byProgress;
        this.byTime = byTime;
        this.zeroReads = zeroReads;
        this.trace = trace;
        this.totalSeconds = trace == null ? 0.0 : trace.totalSeconds();
        boolean asking = !estimators.isEmpty();
        this.nextProgressMark = asking ? 0 : MARKS.size();
        this.nextTimeMark = asking ? 0 : MARKS.size();
        this.nextSample = asking ? 1 : SAMPLES;
    }

    @Override
    public void stepCompleted(StepDefinition step, StepRecord record, Job job) {
        askAtTimeMarksBefore(record.completedAt().orElseThrow());
        Duration took = Duration.ofMillis(record.durationMs().orElseThrow());
        long units = TimingLearner.unitsOf(step, record, job.input());
        learned.put(step.name(), TimingLearner.learn(Optional.ofNullable(learned.get(step.name())), step, took,
                units, record.unitPace()));
    }

    @Override
    public void state(Job job, Instant at) {
        askAtTimeMarksBefore(at);
        previous = job;
        if (job.status() != JobStatus.RUNNING) {
            return;
        }
        if (!estimators.isEmpty()) {
            lookForZero(job, at, secondsSinceStart(at));
        }
        double progress = PipelineProgress.of(SeedWorkload.PIPELINE, job);
        while (nextProgressMark < MARKS.size() && progress >= MARKS.get(nextProgressMark)) {
            ask(byProgress, nextProgressMark++, job, at, secondsSinceStart(at));
        }
    }

    /** Time marks that passed before {@code at} are asked about the job as it stood then, learning nothing newer. */
    private void askAtTimeMarksBefore(Instant at) {
        double seconds = secondsSinceStart(at);
        while (nextSample < SAMPLES && previous != null && (double) nextSample / SAMPLES * totalSeconds < seconds) {
            double sampleSeconds = (double) nextSample++ / SAMPLES * totalSeconds;
            lookForZero(previous, TraceReplay.at(sampleSeconds), sampleSeconds);
        }
        while (nextTimeMark < MARKS.size() && previous != null
                && MARKS.get(nextTimeMark) / 100.0 * totalSeconds < seconds) {
            double markSeconds = MARKS.get(nextTimeMark) / 100.0 * totalSeconds;
            ask(byTime, nextTimeMark++, previous, TraceReplay.at(markSeconds), markSeconds);
        }
    }

    private void lookForZero(Job job, Instant now, double seconds) {
        if (totalSeconds - seconds <= 0.0) {
            return;
        }
        Checkpoint moment = new Checkpoint(0, job, now, PipelineProgress.of(SeedWorkload.PIPELINE, job),
                totalSeconds - seconds, trace);
        zeroReads.add(estimators.stream().mapToDouble(e -> e.remainingSeconds(moment)).toArray());
    }

    private void ask(ErrorTable table, int markIndex, Job job, Instant now, double seconds) {
        Checkpoint checkpoint = new Checkpoint(MARKS.get(markIndex), job, now,
                PipelineProgress.of(SeedWorkload.PIPELINE, job), totalSeconds - seconds, trace);
        double[] estimates = estimators.stream().mapToDouble(e -> e.remainingSeconds(checkpoint)).toArray();
        table.add(markIndex, checkpoint.trueRemaining(), estimates);
    }

    private static double secondsSinceStart(Instant at) {
        return Duration.between(TraceReplay.START, at).toNanos() / 1e9;
    }
}
