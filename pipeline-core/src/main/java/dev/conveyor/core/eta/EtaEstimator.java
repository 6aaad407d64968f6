package dev.conveyor.core.eta;

import dev.conveyor.model.DurationSpread;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.StepTiming;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.StepDefinition;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Estimates how long a job still needs ({@code estimated_remaining_seconds}). Each step still to run takes its
 * learned seconds per unit (else the definition's estimate) times its units of work, times the pace this job
 * has shown so far, weighed by how much each of its steps can say of it (see {@link JobPace}); the steps still
 * to start are aimed a little below their typical sum for what is still unknown of it (see
 * {@link PendingSteps}); the running step blends its expectation with the rate it shows, or, without unit reports, the remainder its learned spread of durations expects given how long
 * it has run (see {@link RunningStep}). Completed, skipped and failed steps and review gates (human time is not predicted) count
 * nothing, nor do pending steps before the job's {@code startFrom}, which will be skipped. Answers are finite
 * and never negative.
 */
public final class EtaEstimator {

    private final EtaTuning tuning;
    private final RunningStep running;

    public EtaEstimator() {
        this(EtaTuning.defaults());
    }

    public EtaEstimator(EtaTuning tuning) {
        this.tuning = Objects.requireNonNull(tuning, "tuning must not be null");
        this.running = new RunningStep(tuning.priorUnits(), tuning.overrunShare());
    }

    /** Seconds left in this job's current run; empty when nothing can be said or the job is not queued or running. */
    public Optional<Double> remainingSeconds(PipelineDefinition pipeline, Job job, Map<String, StepTiming> learned,
                                             Instant now) {
        return outlook(pipeline, job, learned, now).remainingSeconds();
    }

    /**
     * The seconds left, and what is expected of the step running now: everything a read at {@code now} shows,
     * by arithmetic on the job and what was learned.
     */
    public Outlook outlook(PipelineDefinition pipeline, Job job, Map<String, StepTiming> learned, Instant now) {
        requireArguments(pipeline, job, learned);
        Objects.requireNonNull(now, "now must not be null");
        if (job.status() != JobStatus.RUNNING && job.status() != JobStatus.QUEUED) {
            return Outlook.NONE;
        }
        // A queued job's running record is left by a worker that died: that step starts again from scratch.
        Optional<Instant> runningSince = job.status() == JobStatus.RUNNING ? Optional.of(now) : Optional.empty();
        JobPace pace = JobPace.of(pipeline, job, learned, tuning.paceSpread(), runningSince);
        OptionalDouble[] runningExpected = {OptionalDouble.empty()};
        boolean[] longer = {false};
        boolean[] stalled = {false};
        PendingSteps pending = new PendingSteps(pace, learned, job);
        Optional<Double> remaining = sum(pipeline, job, (step, record) -> {
            if (record.status() == StepStatus.RUNNING && runningSince.isPresent()) {
                OptionalDouble expected = typical(step, record, job, learned, pace.completedRatio());
                DurationSpread spread = TimingLearner.spreadOf(step, learned);
                runningExpected[0] = expected;
                longer[0] = expected.isPresent()
                        && RunningStep.longerThanUsual(record, expected.getAsDouble(), spread, now);
                stalled[0] = RunningStep.stalled(record, expected.orElse(0.0), spread, step.timeout(), now);
                return running.remaining(record, expected, spread, now);
            }
            return pending.add(step, record) ? OptionalDouble.of(0.0) : OptionalDouble.empty();
        });
        remaining = remaining.map(seconds -> seconds + pending.seconds());
        return new Outlook(remaining, runningExpected[0], longer[0], stalled[0]);
    }

    /**
     * What a read shows of a job's future.
     *
     * @param remainingSeconds      seconds left in the run; empty when nothing can be said
     * @param runningStepSeconds    how long the running step typically takes in all; empty when unknown or
     *                              when no step runs
     * @param runningLongerThanUsual the running step has run past 95 % of its learned durations
     * @param runningStalled        the running step reports nothing and has run three times its usual longest,
     *                              or half its timeout
     */
    public record Outlook(Optional<Double> remainingSeconds, OptionalDouble runningStepSeconds,
                          boolean runningLongerThanUsual, boolean runningStalled) {

        public static final Outlook NONE = new Outlook(Optional.empty(), OptionalDouble.empty(), false, false);

        public Outlook {
            Objects.requireNonNull(remainingSeconds, "remainingSeconds must not be null");
            Objects.requireNonNull(runningStepSeconds, "runningStepSeconds must not be null");
        }
    }

    /**
     * Expected seconds for running every pending or running step of this job from scratch, whatever the
     * job's status ({@code estimated_duration_seconds} when a job is started); empty when unknown.
     */
    public Optional<Double> totalSeconds(PipelineDefinition pipeline, Job job, Map<String, StepTiming> learned) {
        requireArguments(pipeline, job, learned);
        JobPace pace = JobPace.of(pipeline, job, learned, tuning.paceSpread(), Optional.empty()).completedOnly();
        PendingSteps pending = new PendingSteps(pace, learned, job);
        return sum(pipeline, job, (step, record) -> pending.add(step, record) ? OptionalDouble.of(0.0)
                : OptionalDouble.empty()).map(seconds -> seconds + pending.seconds());
    }

    private static Optional<Double> sum(PipelineDefinition pipeline, Job job, StepSeconds stepSeconds) {
        int startFrom = job.options().startFrom().map(pipeline::indexOf).orElse(-1);
        double total = 0.0;
        for (int i = 0; i < pipeline.steps().size(); i++) {
            StepDefinition step = pipeline.steps().get(i);
            StepRecord record = job.step(step.name()).orElseGet(() -> StepRecord.pending(step.name()));
            if (!stillToRun(step, record, i < startFrom)) {
                continue;
            }
            OptionalDouble seconds = stepSeconds.of(step, record);
            if (seconds.isEmpty()) {
                return Optional.empty();
            }
            total += seconds.getAsDouble();
        }
        return Double.isFinite(total) ? Optional.of(Math.max(0.0, total)) : Optional.empty();
    }

    private static boolean stillToRun(StepDefinition step, StepRecord record, boolean beforeStartFrom) {
        if (step.isReviewGate()) {
            return false;
        }
        return switch (record.status()) {
            case PENDING -> !beforeStartFrom;
            case RUNNING -> true;
            case COMPLETED, SKIPPED, FAILED -> false;
        };
    }

    /**
     * The time the running step typically takes in all: its expected time scaled from its learned spread's mean
     * to the spread's median (the error users see is proportional, and the median errs less in proportion). A
     * definition's estimate is taken as typical already.
     */
    private static OptionalDouble typical(StepDefinition step, StepRecord record, Job job,
                                          Map<String, StepTiming> learned, double pace) {
        double typicalShare = TimingLearner.learnedSpread(step, learned)
                .map(spread -> spread.quantile(RunningStep.TYPICAL) / spread.mean()).orElse(1.0);
        return scaled(expected(step, record, job, learned, pace), typicalShare);
    }

    private static OptionalDouble expected(StepDefinition step, StepRecord record, Job job,
                                           Map<String, StepTiming> learned, double pace) {
        long units = TimingLearner.unitsOf(step, record, job.input());
        return scaled(TimingLearner.secondsPerUnit(step, learned), pace * units);
    }

    private static OptionalDouble scaled(OptionalDouble value, double factor) {
        return value.isEmpty() ? value : OptionalDouble.of(value.getAsDouble() * factor);
    }

    private static void requireArguments(PipelineDefinition pipeline, Job job, Map<String, StepTiming> learned) {
        Objects.requireNonNull(pipeline, "pipeline must not be null");
        Objects.requireNonNull(job, "job must not be null");
        Objects.requireNonNull(learned, "learned must not be null");
    }

    @FunctionalInterface
    private interface StepSeconds {
        OptionalDouble of(StepDefinition step, StepRecord record);
    }
}
