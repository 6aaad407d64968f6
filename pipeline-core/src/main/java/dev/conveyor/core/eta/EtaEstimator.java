package dev.conveyor.core.eta;

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
 * Estimates how long a job still needs ({@code estimated_remaining_seconds}). Steps still to run take their
 * learned seconds per unit (else the definition's estimate) times their units of work; the running step
 * blends that expectation with the rate it shows; finished, skipped and failed steps and review gates
 * (human time is not predicted) count nothing. Pending steps before the job's {@code startFrom} count
 * nothing either, since they will be skipped. Answers are finite and never negative.
 */
public final class EtaEstimator {

    /** How many units the assumed speed of a running step is worth against the units it has shown. */
    public static final double DEFAULT_PRIOR_UNITS = 20.0;

    /** A running step past its expected time is assumed to need this share of its elapsed time still. */
    public static final double DEFAULT_OVERRUN_SHARE = 0.1;

    private final RunningStep running;

    public EtaEstimator() {
        this(DEFAULT_PRIOR_UNITS, DEFAULT_OVERRUN_SHARE);
    }

    /**
     * @param priorUnits   how many observed units the running step must show before its own rate weighs
     *                     as much as the assumed one (0 trusts the observed rate at once)
     * @param overrunShare the share of its elapsed time a step that outran its estimate is still given
     */
    public EtaEstimator(double priorUnits, double overrunShare) {
        this.running = new RunningStep(priorUnits, overrunShare);
    }

    /** Seconds left in this job's current run; empty when nothing can be said. */
    public Optional<Double> remainingSeconds(PipelineDefinition pipeline, Job job, Map<String, StepTiming> learned,
                                             Instant now) {
        Objects.requireNonNull(now, "now must not be null");
        if (job.status() != JobStatus.RUNNING && job.status() != JobStatus.QUEUED) {
            return Optional.empty();
        }
        // A queued job's running record is left by a worker that died: that step starts again from scratch.
        boolean restartRunning = job.status() == JobStatus.QUEUED;
        return sum(pipeline, job, learned, (step, record) -> record.status() == StepStatus.RUNNING && !restartRunning
                ? running.remaining(record, TimingLearner.secondsPerUnit(step, learned),
                        TimingLearner.unitsOf(step, record, job.input()), now)
                : expected(step, record, job, learned));
    }

    /**
     * Expected seconds for running every pending or running step of this job from scratch, whatever the
     * job's status ({@code estimated_duration_seconds} when a job is started); empty when unknown.
     */
    public Optional<Double> totalSeconds(PipelineDefinition pipeline, Job job, Map<String, StepTiming> learned) {
        return sum(pipeline, job, learned, (step, record) -> expected(step, record, job, learned));
    }

    private static Optional<Double> sum(PipelineDefinition pipeline, Job job, Map<String, StepTiming> learned,
                                        StepSeconds stepSeconds) {
        Objects.requireNonNull(pipeline, "pipeline must not be null");
        Objects.requireNonNull(job, "job must not be null");
        Objects.requireNonNull(learned, "learned must not be null");
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

    private static OptionalDouble expected(StepDefinition step, StepRecord record, Job job,
                                           Map<String, StepTiming> learned) {
        OptionalDouble secondsPerUnit = TimingLearner.secondsPerUnit(step, learned);
        long units = TimingLearner.unitsOf(step, record, job.input());
        return secondsPerUnit.isEmpty() ? secondsPerUnit : OptionalDouble.of(secondsPerUnit.getAsDouble() * units);
    }

    @FunctionalInterface
    private interface StepSeconds {
        OptionalDouble of(StepDefinition step, StepRecord record);
    }
}
