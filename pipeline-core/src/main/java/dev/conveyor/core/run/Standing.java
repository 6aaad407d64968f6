package dev.conveyor.core.run;

import dev.conveyor.core.eta.EtaEstimator;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.ProgressView;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.StepTiming;
import dev.conveyor.pipeline.PipelineDefinition;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a stored job stands at a given moment: a pure function of the job (with the learned timings its step
 * records keep) and the clock, so that every poll tells the truth without reading anything else.
 *
 * <p>Its progress never falls below the stored one; a running step that has reported no units moves its share
 * with elapsed over expected time, counted from {@link #WRITE_LEEWAY} after its start, up to {@link #TIME_CAP}
 * of it; a job queued again because its worker was lost keeps the share it had then. Its remaining time follows
 * the running step's learned spread of durations ({@link EtaEstimator}); a step that keeps nothing learned counts
 * its definition's estimate. A job not running (queued: its wait is not predicted), or of a pipeline this process does not know,
 * shows the completion time last written.
 *
 * @param remainingSeconds seconds left; empty when nothing can be said or the job is not processing
 * @param completionAt     when the job should be done, at millisecond precision
 * @param longerThanUsual  the running step has run past 95 % of its learned durations
 * @param stalled          the running step reports nothing and has run three times its usual longest, or half
 *                         its timeout
 */
public record Standing(int progress, Optional<Double> remainingSeconds, Optional<Instant> completionAt,
                       boolean longerThanUsual, boolean stalled) {

    /** The largest share of its band a step without unit reports reaches by time alone. */
    public static final double TIME_CAP = 0.9;

    /**
     * How late a write may land after its writer read the clock. A poll that reads the row just before the write
     * lands may read its own clock after the writer did, so a step's time-based share counts its time from this
     * long after the step started, while a write that ends the share (units arrive, the step fails, stops or is
     * cancelled) keeps the share of the step's whole time ({@link #kept}): no poll after such a write reads less
     * than one before it. A write that lands later still may read a percent or so below the poll before it.
     */
    public static final Duration WRITE_LEEWAY = Duration.ofSeconds(1);

    public static Standing of(Job job, Optional<PipelineDefinition> pipeline, EtaEstimator eta, Instant now) {
        if (!job.processing()) {
            return new Standing(job.progress(), Optional.empty(), Optional.empty(), false, false);
        }
        boolean known = pipeline.isPresent() && pipeline.get().steps().size() == job.steps().size();
        if (known && job.status() == JobStatus.QUEUED && runningStep(job).isPresent()) {
            // its worker was lost mid-step: the step's time share stays what it was when the job was queued again
            Job asRan = job.toBuilder().status(JobStatus.RUNNING).build();
            Instant queuedAt = job.updatedAt().plus(WRITE_LEEWAY);
            int progress = withTimeShare(asRan, pipeline.get(), eta.outlook(pipeline.get(), asRan, learned(job),
                    queuedAt), queuedAt);
            return stored(job.toBuilder().progress(progress).build(), now);
        }
        if (job.status() != JobStatus.RUNNING || !known) {
            return stored(job, now);
        }
        EtaEstimator.Outlook outlook = eta.outlook(pipeline.get(), job, learned(job), now);
        int progress = withTimeShare(job, pipeline.get(), outlook, now);
        Optional<Instant> completion = outlook.remainingSeconds()
                .map(seconds -> now.plusMillis(Math.round(seconds * 1000.0)));
        return new Standing(progress, outlook.remainingSeconds(), completion, outlook.runningLongerThanUsual(),
                outlook.runningStalled());
    }

    /** A job that is not running shows what was written, counting down to the completion time last written. */
    private static Standing stored(Job job, Instant now) {
        Optional<Instant> stored = job.estimatedCompletionAt();
        return new Standing(job.progress(),
                stored.map(at -> Math.max(0.0, Duration.between(now, at).toMillis() / 1000.0)), stored, false, false);
    }

    /**
     * The job's progress with its running step's time share, when the step has reported no units: its time counted
     * from its start to {@code now} less {@link #WRITE_LEEWAY}, or to the job's last real update if later (a job
     * claimed again after its worker was lost keeps the share it showed while queued).
     */
    private static int withTimeShare(Job job, PipelineDefinition pipeline, EtaEstimator.Outlook outlook, Instant now) {
        Optional<StepRecord> running = runningStep(job);
        if (running.isEmpty() || running.get().unitsTotal() != 0 || outlook.runningStepSeconds().isEmpty()) {
            return job.progress();
        }
        double expected = outlook.runningStepSeconds().getAsDouble();
        Instant lagged = now.minus(WRITE_LEEWAY);
        Instant counted = lagged.isAfter(job.updatedAt()) ? lagged : job.updatedAt();
        double elapsed = running.get().startedAt()
                .map(start -> Math.max(0L, Duration.between(start, counted).toMillis()) / 1000.0).orElse(0.0);
        double fraction = expected > 0.0 ? Math.min(TIME_CAP, elapsed / expected) : TIME_CAP;
        return Math.max(job.progress(), Progress.of(pipeline, job.steps(), fraction));
    }

    /**
     * The progress a write made at {@code now} keeps when it ends the running step's time-based share: what a read
     * of {@code job} shows {@link #WRITE_LEEWAY} later, the share of all the time the step has run.
     */
    public static int kept(Job job, Optional<PipelineDefinition> pipeline, EtaEstimator eta, Instant now) {
        return of(job, pipeline, eta, now.plus(WRITE_LEEWAY)).progress();
    }

    /** What the progress view says of the running step: stalled, taking longer than usual, or nothing. */
    public Optional<String> statusDetail() {
        if (stalled) {
            return Optional.of(ProgressView.STALLED);
        }
        return longerThanUsual ? Optional.of(ProgressView.LONGER_THAN_USUAL) : Optional.empty();
    }

    /** The learned timings a job's step records keep, by step name. */
    static Map<String, StepTiming> learned(Job job) {
        Map<String, StepTiming> learned = new HashMap<>();
        for (StepRecord step : job.steps()) {
            step.learned().ifPresent(timing -> learned.put(step.name(), timing));
        }
        return learned;
    }

    private static Optional<StepRecord> runningStep(Job job) {
        return job.currentStep().flatMap(job::step).filter(step -> step.status() == StepStatus.RUNNING);
    }
}
