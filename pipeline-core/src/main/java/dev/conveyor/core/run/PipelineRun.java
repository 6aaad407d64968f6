package dev.conveyor.core.run;

import dev.conveyor.core.eta.TimingLearner;
import dev.conveyor.core.eta.UnitPaces;
import dev.conveyor.core.failure.OutageBackoff;
import dev.conveyor.core.hooks.AuditTypes;
import dev.conveyor.core.hooks.TransitionAudit;
import dev.conveyor.core.lifecycle.Lifecycle;
import dev.conveyor.model.AuditEvent;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobRef;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Lease;
import dev.conveyor.model.Notification;
import dev.conveyor.model.Payload;
import dev.conveyor.model.ReviewItem;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.StepTiming;
import dev.conveyor.model.UnitPace;
import dev.conveyor.model.UserError;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.StepDefinition;
import dev.conveyor.port.out.EngineEvents;
import dev.conveyor.port.out.JobStore;
import dev.conveyor.port.out.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of one claimed job. {@code draft} is the job with the changes not yet written; {@code job} is what
 * the store last confirmed. Skips are folded into the next write; every other transition is written at once.
 */
final class PipelineRun {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRun.class);
    static final UserError CANCELLED = UserError.of("cancelled", "The job was cancelled while this step ran.");

    private final RunContext ctx;
    private final PipelineDefinition pipeline;
    private final TransitionAudit audit;
    private final EtaTrail trail;
    private Job job;
    private Job draft;
    /** The step whose start the claim wrote, until the run reaches it; -1 for none. */
    private int startedByClaim = -1;
    private Job firstWrite;
    private Optional<AuditEvent> firstStart = Optional.empty();

    PipelineRun(RunContext ctx, Job claimed, PipelineDefinition pipeline) {
        this.ctx = ctx;
        this.pipeline = pipeline;
        this.audit = new TransitionAudit(ctx.hooks());
        this.job = claimed;
        this.draft = claimed;
        this.trail = new EtaTrail(ctx.clock().instant(),
                (stored, at) -> Standing.of(stored, Optional.of(pipeline), ctx.eta(), at).completionAt());
    }

    /**
     * The run's first write, for the claim to make (claim and first step start in one row write): skips before
     * the first step to run are folded in, as they would be into its start. Empty when the run begins otherwise
     * (a cancel, a review gate, completion): the claim is then written alone and the run goes on from there.
     */
    Optional<JobStore.Transition> firstTransition() {
        if (lostTooOften()) {
            return Optional.empty();
        }
        for (int i = 0; i < pipeline.steps().size(); i++) {
            if (job.cancelRequested()) {
                return Optional.empty();
            }
            StepDefinition step = pipeline.steps().get(i);
            StepRecord record = draft.steps().get(i);
            Decision decision = ShouldRun.decide(pipeline, i, record, draft.options());
            if (decision instanceof Decision.Skip skip) {
                skip(i, step, record, skip);
                continue;
            }
            if (step.isReviewGate()) {
                return Optional.empty();
            }
            Instant now = ctx.clock().instant();
            firstStart = begin(i, step, now);
            firstWrite = draft.toBuilder().lease(Optional.of(new Lease(ctx.worker(), now.plus(ctx.leaseLength()))))
                    .updatedAt(now).build();
            startedByClaim = i;
            return Optional.of(new JobStore.Transition(firstWrite, audit.pending()));
        }
        return Optional.empty();
    }

    /**
     * Takes the job as the claim wrote it.
     *
     * @return false when the claim did not write the {@link #firstTransition()} given (a store that claims only):
     *         this run cannot go on, a fresh one must
     */
    boolean claimedAs(Job claimed) {
        if (startedByClaim >= 0) {
            if (!claimed.toBuilder().version(firstWrite.version()).build().equals(firstWrite)) {
                return false;
            }
            audit.written();
            audit.committed(firstStart);
        } else if (claimed.version() != draft.version()) {
            return false;
        }
        job = claimed;
        draft = startedByClaim >= 0 ? claimed : draft;
        return true;
    }

    /** Runs the job to its end, its completion written before this returns. */
    void execute() {
        if (runSteps()) {
            complete();
        }
    }

    /**
     * Runs the job's steps, writing every transition but the last.
     *
     * @return true when every step is done and only the completion is left to write ({@link #complete()}); false
     *         when the run ended otherwise (paused, failed, cancelled, lost), every write made
     */
    boolean runSteps() {
        if (lostTooOften()) {
            failWorkerLost();
            return false;
        }
        for (int i = 0; i < pipeline.steps().size(); i++) {
            if (job.cancelRequested()) {
                cancel(i, Optional.empty(), draft.progress());
                return false;
            }
            StepDefinition step = pipeline.steps().get(i);
            StepRecord record = draft.steps().get(i);
            Decision decision = ShouldRun.decide(pipeline, i, record, draft.options());
            if (decision instanceof Decision.Skip skip) {
                skip(i, step, record, skip);
                continue;
            }
            boolean goOn = step.isReviewGate() ? new ReviewGate(this).pass(i, step) : runStep(i, step);
            if (!goOn) {
                return false;
            }
        }
        return true;
    }

    private void skip(int i, StepDefinition step, StepRecord record, Decision.Skip skip) {
        if (skip.keepsStatus() || record.status() == StepStatus.SKIPPED) {
            return;
        }
        Lifecycle.check(record.status(), StepStatus.SKIPPED);
        Job.Builder next = draft.toBuilder().step(i, record.skip());
        if (step.isReviewGate()) {
            next.reviewItems(List.of()).reviewDecisions(ReviewGate.approveAll(draft, draft.reviewItems(),
                    "review skipped (skip_review)"));
        }
        draft = next.build();
        audit.happened(draft, AuditTypes.stepSkipped(step.name()), () -> Payload.of("reason", skip.reason()));
    }

    /** The step's start in the draft; its event goes with the write that carries it. */
    private Optional<AuditEvent> begin(int i, StepDefinition step, Instant now) {
        StepRecord previous = draft.steps().get(i);
        Lifecycle.check(previous.status(), StepStatus.RUNNING);
        // a step resumed after its worker was lost starts its time over: the share polls showed of it stays
        int resumed = previous.status() == StepStatus.RUNNING
                ? Standing.kept(draft, Optional.of(pipeline), ctx.eta(), now) : 0;
        StepRecord started = previous.start(now);
        draft = withEta(draft.toBuilder().step(i, started).status(JobStatus.RUNNING)
                .currentStep(Optional.of(step.name())), now);
        draft = draft.toBuilder().progress(Math.max(draft.progress(), resumed)).build();
        return audit.onNextWrite(draft, AuditTypes.stepStart(step.name()),
                () -> Payload.of("attempt", started.attempts()));
    }

    private boolean runStep(int i, StepDefinition step) {
        if (i == startedByClaim) {
            startedByClaim = -1; // the claim wrote this start
        } else {
            Optional<AuditEvent> start = begin(i, step, ctx.clock().instant());
            if (!write(true)) {
                return false;
            }
            audit.committed(start);
        }
        StepRecord started = job.steps().get(i);
        trail.polled(started.startedAt().orElseGet(ctx.clock()::instant), job);

        LiveStepContext context = new LiveStepContext(job, i);
        ctx.running().attach(JobRef.of(job), context);
        ProgressFlusher.Tracked tracked = ctx.flusher().track(context, pipeline, trail);
        StepResult result = null;
        long startedNanos = System.nanoTime();
        ctx.events().stepStarted(pipeline.name(), step.name());
        try {
            result = ctx.attempts().run(step, context, job);
        } finally {
            ctx.flusher().untrack(tracked);
            ctx.running().detach(JobRef.of(job));
            ctx.events().stepEnded(pipeline.name(), step.name(), outcome(result), System.nanoTime() - startedNanos);
        }
        Instant now = ctx.clock().instant();
        int shown = Math.max(tracked.lastProgress(), context.unitsTotal() > 0 ? 0 : shownAt(now));
        return switch (result) {
            case StepResult.Succeeded succeeded -> {
                Optional<UnitPace> pace = UnitPaces.reported(started.withUnitPace(tracked.unitPace()), step,
                        ctx.timings().of(pipeline.name()), context.unitsDone(), now);
                StepRecord done = started.withUnitPace(pace).complete(now, context.outputPayload(),
                                context.warnings(), context.unitsDone(), context.unitsTotal(), context.stepCost())
                        .withAttempts(started.attempts() + succeeded.attempts() - 1);
                List<ReviewItem> review = new ArrayList<>(draft.reviewItems());
                review.addAll(context.reviewRequests());
                draft = afterStep(i, done, context, shown).reviewItems(review).build();
                ctx.timings().record(pipeline.name(), step, Duration.between(started.startedAt().orElse(now), now),
                        TimingLearner.unitsOf(step, done, job.input()), pace);
                audit.happened(draft, AuditTypes.stepComplete(step.name()), () -> completed(done));
                yield true;
            }
            case StepResult.Failed failed -> {
                StepRecord broken = started.fail(now, failed.error(), context.unitsDone(), context.unitsTotal(),
                        context.stepCost()).withAttempts(started.attempts() + failed.attempts() - 1);
                audit.happened(draft, AuditTypes.stepFailed(step.name()), () -> Payload.of(
                        "code", failed.error().code(), "attempts", broken.attempts()).with("message", failed.error().message())
                        .with("detail", failed.detail()));
                draft = afterStep(i, broken, context, shown).build();
                if (step.continuePastFailure() || draft.options().continuePastFailure().contains(step.name())) {
                    yield true;
                }
                // A failed job's progress stays where it got to, not past the failed step: the bar never lies.
                draft = draft.toBuilder().progress(Math.max(job.progress(), shown)).build();
                fail(step, failed);
                yield false;
            }
            case StepResult.Stopped stopped -> {
                stop(i, context, stopped.reason(), shown);
                yield false;
            }
        };
    }

    /** A completed step's event details, made in one map: this event is made for every step of every job. */
    private static Payload completed(StepRecord done) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("duration_ms", done.durationMs().orElse(0L));
        details.put("attempts", done.attempts());
        details.put("warnings", done.warnings().size());
        details.put("cost_usd", done.costUsd());
        return new Payload(details);
    }

    private static EngineEvents.StepOutcome outcome(StepResult result) {
        return switch (result) {
            case StepResult.Succeeded succeeded -> EngineEvents.StepOutcome.COMPLETED;
            case StepResult.Stopped stopped -> EngineEvents.StepOutcome.STOPPED;
            case StepResult.Failed failed -> EngineEvents.StepOutcome.FAILED;
            case null -> EngineEvents.StepOutcome.FAILED; // the step's run broke off with an exception
        };
    }

    private Job.Builder afterStep(int i, StepRecord record, LiveStepContext context, int shown) {
        Job.Builder next = draft.toBuilder().step(i, record).costUsd(context.jobCost()).workerLosses(0);
        Job updated = next.build();
        return next.progress(Math.max(shown, Progress.atLeast(draft, pipeline, updated.steps())));
    }

    private void fail(StepDefinition step, StepResult.Failed failed) {
        Instant now = ctx.clock().instant();
        draft = draft.toBuilder().status(JobStatus.FAILED).processing(false).error(Optional.of(failed.error()))
                .estimatedCompletionAt(Optional.empty()).finishedAt(Optional.of(now)).build();
        Optional<AuditEvent> failedEvent = audit.onNextWrite(draft, AuditTypes.FAILED, () -> Payload.of("step",
                step.name(), "code", failed.error().code()).with("message", failed.error().message())
                .with("detail", failed.detail()));
        if (write(false)) {
            audit.committed(failedEvent);
            ctx.events().jobFailed(pipeline.name(), step.name(), failed.error().code());
            ctx.hooks().notify(new Notification.Failed(job, failed.error()));
        }
    }

    /** The running step's worker has been lost as often in a row as the pipeline allows: run it no more. */
    private boolean lostTooOften() {
        return job.workerLosses() >= pipeline.maxWorkerLosses().orElse(ctx.maxWorkerLosses());
    }

    /**
     * Fails the job at the step whose workers keep dying, instead of running it again: completed steps stay, and
     * retry runs the step again as after any failure.
     */
    private void failWorkerLost() {
        int i = lostStep();
        StepDefinition step = pipeline.steps().get(i);
        StepRecord record = draft.steps().get(i);
        int losses = job.workerLosses();
        UserError error = UserError.of("worker_lost", "The " + step.name() + " step stopped the worker running it "
                + losses + " times in a row (the process ran out of memory, crashed or was killed), so it was not "
                + "run again. Retry the job once the cause is fixed; a smaller input may help.");
        String detail = "the lease of the worker running step " + step.name() + " expired " + losses
                + " times in a row, each time before the step ended";
        StepRecord broken = record.startedAt().isPresent()
                ? record.fail(ctx.clock().instant(), error, record.unitsDone(), record.unitsTotal(), record.costUsd())
                : record.start(ctx.clock().instant()).fail(ctx.clock().instant(), error, 0, record.unitsTotal(),
                        record.costUsd());
        audit.happened(draft, AuditTypes.stepFailed(step.name()), () -> Payload.of(
                "code", error.code(), "attempts", broken.attempts()).with("detail", detail));
        draft = draft.toBuilder().step(i, broken).currentStep(Optional.of(step.name())).workerLosses(0)
                .estimatedCompletionAt(Optional.empty()).build();
        fail(step, new StepResult.Failed(error, detail, broken.attempts()));
    }

    /** The step that was running when the worker was lost: the running one, else the current, else the next. */
    private int lostStep() {
        for (int i = 0; i < draft.steps().size(); i++) {
            if (draft.steps().get(i).status() == StepStatus.RUNNING) {
                return i;
            }
        }
        int current = draft.currentStep().map(pipeline::indexOf).orElse(-1);
        if (current >= 0) {
            return current;
        }
        for (int i = 0; i < draft.steps().size(); i++) {
            if (!draft.steps().get(i).status().isDone()) {
                return i;
            }
        }
        return draft.steps().size() - 1;
    }

    /** The step was told to stop: finish a cancel, hand the job back at shutdown, or let a lost job go. */
    private void stop(int i, LiveStepContext context, String reason, int shown) {
        Optional<Job> fresh = ctx.store().find(job.tenant(), job.id());
        if (fresh.isEmpty() || !holdsLease(fresh.get())) {
            LOG.info("job {} was taken over by another worker; this worker stops running it", job.id());
            ctx.events().leaseLost(pipeline.name());
            ctx.hooks().audit(job, AuditTypes.LEASE_LOST, () -> Payload.of("step", pipeline.steps().get(i).name()));
            return;
        }
        job = fresh.get();
        draft = draft.toBuilder().version(job.version()).cancelRequested(job.cancelRequested()).build();
        if (job.cancelRequested() || RunningJobs.CANCEL.equals(reason)) {
            cancel(i, Optional.of(context), shown);
            return;
        }
        StepRecord interrupted = draft.steps().get(i).interrupted();
        // what a poll showed of the interrupted attempt stays: progress never moves back
        draft = draft.toBuilder().step(i, interrupted).status(JobStatus.QUEUED)
                .progress(Math.max(draft.progress(), shown))
                .estimatedCompletionAt(Optional.empty()).build();
        write(false);
    }

    /** Ends the run cancelled; {@code shown} is the progress polls showed of the step it stops, which stays. */
    private void cancel(int i, Optional<LiveStepContext> context, int shown) {
        Instant now = ctx.clock().instant();
        Job.Builder next = draft.toBuilder().status(JobStatus.CANCELLED).processing(false)
                .progress(Math.max(draft.progress(), shown))
                .estimatedCompletionAt(Optional.empty()).finishedAt(Optional.of(now));
        StepRecord record = draft.steps().get(i);
        if (record.status() == StepStatus.RUNNING) {
            long done = context.map(LiveStepContext::unitsDone).orElse(record.unitsDone());
            long total = context.map(LiveStepContext::unitsTotal).orElse(record.unitsTotal());
            double cost = context.map(LiveStepContext::stepCost).orElse(record.costUsd());
            next.step(i, record.fail(now, CANCELLED, done, total, cost));
            context.ifPresent(c -> next.costUsd(c.jobCost()));
        }
        draft = next.build();
        Optional<AuditEvent> cancelled = audit.onNextWrite(draft, AuditTypes.CANCELLED,
                () -> Payload.of("step", record.name()));
        if (write(false)) {
            audit.committed(cancelled);
            ctx.events().jobCancelled(pipeline.name());
        }
    }

    /** Writes the job's completion, after {@link #runSteps()} ran every step. */
    void complete() {
        Instant now = ctx.clock().instant();
        draft = draft.toBuilder().status(JobStatus.COMPLETED).processing(false).progress(100)
                .currentStep(Optional.empty()).error(Optional.empty()).estimatedCompletionAt(Optional.empty())
                .finishedAt(Optional.of(now)).build();
        Job completed = draft;
        long millis = Duration.between(completed.startedAt().orElse(completed.createdAt()), now).toMillis();
        Optional<AuditEvent> complete = audit.onNextWrite(completed, AuditTypes.COMPLETE,
                () -> Payload.of("duration_ms", millis, "cost_usd", completed.costUsd()));
        if (write(false)) {
            audit.committed(complete);
            ctx.events().jobCompleted(pipeline.name());
            trail.errorsAt(now).ifPresent(errors -> {
                ctx.timings().judge(pipeline.name(), errors);
                ctx.events().etaJudged(pipeline.name(), errors);
            });
            ctx.hooks().notify(new Notification.Ready(job));
        }
    }

    /**
     * Writes the draft, version-checked. A conflict means someone asked for a cancel (the job stays ours:
     * write again, keeping the request) or took the job (abandon it).
     *
     * <p>While the store is unavailable the write waits (backing off, with jitter) and goes again, for up to a
     * lease length: the step's result is kept rather than re-run. A write whose outcome the store could not
     * tell may have been stored; the next try reads the job first and, finding this very write there (its
     * version and update time), takes it as written instead of writing it, and its audit events, twice.
     * Past a lease length the run is abandoned: its lease expires and another worker re-runs the step.
     *
     * @param keepLease false for the writes that end the run, which release the lease
     * @return false when the job is no longer this worker's
     */
    boolean write(boolean keepLease) {
        OutageBackoff outage = new OutageBackoff();
        Instant giveUpAt = ctx.clock().instant().plus(ctx.leaseLength());
        Job unsure = null;
        int conflicts = 0;
        while (conflicts < 5) {
            try {
                if (unsure != null) {
                    Optional<Job> fresh = ctx.store().find(job.tenant(), job.id());
                    if (fresh.isPresent() && isWriteOf(fresh.get(), unsure)) {
                        audit.written();
                        job = fresh.get();
                        draft = job;
                        return true; // a cancel asked for meanwhile is seen at the next step, as ever
                    }
                    unsure = null;
                    if (fresh.isEmpty() || !holdsLease(fresh.get())) {
                        LOG.info("job {} is no longer held by worker {}; abandoning this run", job.id(), ctx.worker());
                        ctx.events().leaseLost(pipeline.name());
                        return false;
                    }
                    adopt(fresh.get());
                }
                Instant now = ctx.clock().instant();
                Optional<Lease> lease = keepLease
                        ? Optional.of(new Lease(ctx.worker(), now.plus(ctx.leaseLength())))
                        : Optional.empty();
                Job sending = draft.toBuilder().lease(lease).updatedAt(now).build();
                unsure = sending;
                Optional<Job> stored = ctx.store().update(sending, audit.pending());
                unsure = null;
                if (stored.isPresent()) {
                    audit.written();
                    job = stored.get();
                    draft = job;
                    return true;
                }
                conflicts++;
                Optional<Job> fresh = ctx.store().find(job.tenant(), job.id());
                if (fresh.isEmpty() || !holdsLease(fresh.get())) {
                    LOG.info("job {} is no longer held by worker {}; abandoning this run", job.id(), ctx.worker());
                    ctx.events().leaseLost(pipeline.name());
                    return false;
                }
                adopt(fresh.get());
            } catch (StoreUnavailableException e) {
                if (!ctx.clock().instant().isBefore(giveUpAt)) {
                    LOG.warn("job {}: the job store stayed unavailable for a lease length; worker {} abandons the "
                            + "run, and once the store is back the job resumes at this step", job.id(), ctx.worker());
                    return false;
                }
                if (!outage.waiting()) {
                    LOG.warn("job {}: the job store is unavailable ({}); keeping the step's result and writing it "
                            + "once the store answers", job.id(), e.getMessage());
                }
                try {
                    ctx.attempts().sleeper().sleep(outage.after(e));
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        LOG.warn("job {} kept changing under worker {}; abandoning this run", job.id(), ctx.worker());
        return false;
    }

    /** Goes on from the stored job: its version, and a cancel asked for meanwhile. */
    private void adopt(Job fresh) {
        draft = draft.toBuilder().version(fresh.version()).cancelRequested(fresh.cancelRequested()).build();
        job = fresh;
    }

    /**
     * The stored job holds {@code sent}, written: the version after it with the same update time (to the µs), or a
     * later version (a cancel asked for since) with the same status and step records, which only this run writes
     * while it holds the lease.
     */
    private static boolean isWriteOf(Job stored, Job sent) {
        if (stored.status() != sent.status()) {
            return false;
        }
        boolean next = stored.version() == sent.version() + 1
                && Math.abs(Duration.between(stored.updatedAt(), sent.updatedAt()).toNanos()) < 1_000;
        return next || stored.version() > sent.version() && stored.steps().equals(sent.steps());
    }

    private boolean holdsLease(Job stored) {
        return stored.status() == JobStatus.RUNNING
                && stored.lease().map(l -> l.isHeldBy(ctx.worker())).orElse(false);
    }

    /**
     * The progress a write at {@code now} that ends the running step keeps: at least what a read of the stored job
     * shows, its running step moving by time, until the write has landed.
     */
    private int shownAt(Instant now) {
        return Standing.kept(job, Optional.of(pipeline), ctx.eta(), now);
    }

    /**
     * The job with its expected completion and, on each step still to run, what has been learned of it: a read
     * computes the job's ETA at any moment from those alone.
     */
    Job withEta(Job.Builder next, Instant now) {
        Map<String, StepTiming> learned = ctx.timings().of(pipeline.name());
        List<StepRecord> steps = new ArrayList<>(next.build().steps());
        for (int i = 0; i < steps.size(); i++) {
            StepRecord step = steps.get(i);
            if (!step.status().isDone()) {
                steps.set(i, step.withLearned(Optional.ofNullable(learned.get(step.name()))));
            }
        }
        Job updated = next.steps(steps).build();
        Job shown = updated.toBuilder().progress(Progress.atLeast(draft, pipeline, updated.steps())).build();
        Optional<Instant> completion = ctx.eta().remainingSeconds(pipeline, shown, learned, now)
                .map(seconds -> now.plusMillis(Math.round(seconds * 1000)));
        return shown.toBuilder().estimatedCompletionAt(completion).build();
    }

    // accessors for ReviewGate and JobRunner
    TransitionAudit audit() {
        return audit;
    }

    RunContext ctx() {
        return ctx;
    }

    PipelineDefinition pipeline() {
        return pipeline;
    }

    Job draft() {
        return draft;
    }

    void draft(Job value) {
        draft = value;
    }

    Job job() {
        return job;
    }
}
