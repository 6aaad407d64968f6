package dev.conveyor.core.service;

import dev.conveyor.core.eta.EtaEstimator;
import dev.conveyor.core.hooks.AuditTypes;
import dev.conveyor.core.hooks.TransitionAudit;
import dev.conveyor.core.hooks.Hooks;
import dev.conveyor.core.registry.Pipelines;
import dev.conveyor.core.run.LearnedTimings;
import dev.conveyor.core.run.Progress;
import dev.conveyor.core.run.RunningJobs;
import dev.conveyor.model.AuditEvent;
import dev.conveyor.model.Idempotency;
import dev.conveyor.model.IdempotencyKey;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.ReviewDecision;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.StepTiming;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.in.ManageJobs;
import dev.conveyor.port.in.Outcome;
import dev.conveyor.port.in.Started;
import dev.conveyor.port.in.SubmitJob;
import dev.conveyor.port.in.Submitted;
import dev.conveyor.port.out.EngineEvents;
import dev.conveyor.port.out.JobStore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The commands on jobs. Every way into the queue goes through the store's atomic start, so two racing
 * requests can never both start a job.
 */
public final class JobCommands implements ManageJobs {

    private static final int MAX_RACES = 16;

    private final JobStore store;
    private final Pipelines pipelines;
    private final RunningJobs running;
    private final Hooks hooks;
    private final EtaEstimator eta;
    private final LearnedTimings timings;
    private final Clock clock;
    private final Runnable wakeWorkers;
    private final EngineEvents events;

    public JobCommands(JobStore store, Pipelines pipelines, RunningJobs running, Hooks hooks, EtaEstimator eta,
                       LearnedTimings timings, Clock clock, Runnable wakeWorkers, EngineEvents events) {
        this.store = store;
        this.pipelines = pipelines;
        this.running = running;
        this.hooks = hooks;
        this.eta = eta;
        this.timings = timings;
        this.clock = clock;
        this.wakeWorkers = wakeWorkers;
        this.events = events;
    }

    @Override
    public Outcome<Submitted> submitOrReplay(SubmitJob command) {
        return submitAllOrReplay(List.of(command)).getFirst();
    }

    @Override
    public List<Outcome<Submitted>> submitAllOrReplay(List<SubmitJob> commands) {
        List<Outcome<Submitted>> outcomes = new ArrayList<>(Collections.nCopies(commands.size(), null));
        List<Job> jobs = new ArrayList<>(commands.size());
        List<Integer> positions = new ArrayList<>(commands.size());
        Map<IdempotencyKey, List<Integer>> repeats = new HashMap<>();
        Map<IdempotencyKey, Job> byKey = new HashMap<>();
        for (int i = 0; i < commands.size(); i++) {
            Outcome<Job> prepared = prepare(commands.get(i));
            if (!(prepared instanceof Outcome.Accepted<Job>(Job job))) {
                outcomes.set(i, prepared.map(job -> new Submitted(job, false)));
                continue;
            }
            Optional<IdempotencyKey> key = job.idempotency().map(Idempotency::key);
            if (key.isPresent() && repeats.containsKey(key.get())) {
                repeats.get(key.get()).add(i);
                continue;
            }
            key.ifPresent(k -> repeats.put(k, new ArrayList<>()));
            jobs.add(job);
            positions.add(i);
        }
        List<Job> stored = jobs.isEmpty() ? List.of() : store(jobs);
        for (int k = 0; k < jobs.size(); k++) {
            Job job = jobs.get(k);
            Job holder = stored.get(k);
            outcomes.set(positions.get(k), Idempotent.outcome(job, holder));
            job.idempotency().ifPresent(idempotency -> byKey.put(idempotency.key(), holder));
        }
        repeats.forEach((key, later) -> later.forEach(i -> outcomes.set(i,
                Idempotent.outcome(prepare(commands.get(i)).orElseThrow(), byKey.get(key)))));
        return outcomes;
    }

    /** The job a submit stores, or why it is refused; stores nothing. */
    private Outcome<Job> prepare(SubmitJob command) {
        Optional<PipelineDefinition> pipeline = pipelines.find(command.pipeline());
        if (pipeline.isEmpty()) {
            return Rejections.unknownPipeline(command.pipeline(), pipelines.names());
        }
        Optional<String> invalid = invalidOptions(pipeline.get(), command.options());
        if (invalid.isPresent()) {
            return Rejections.invalid(invalid.get());
        }
        Job job = Job.create(JobId.random(), command.tenant(), command.pipeline(), pipeline.get().stepNames(),
                command.input(), command.options(), clock.instant()).toBuilder()
                .idempotency(command.idempotencyKey().map(key -> new Idempotency(key, command.fingerprint())))
                .build();
        if (!command.start()) {
            return Outcome.accepted(job);
        }
        if (job.input().isEmpty()) {
            return Rejections.invalid("A job needs input to process; submit it with its input.");
        }
        // Nobody can race for a job that does not exist yet: it is stored already queued, in one write.
        return Outcome.accepted(withEstimate(RunPreparation.newRun(job, pipeline.get(), clock.instant()),
                pipeline.get()));
    }

    /**
     * Stores the jobs with the audit events of the queued ones (in the same transaction, when the store keeps the
     * audit log), then lets the other audit hooks hear of the ones added and wakes the workers once for all of them.
     * A job whose idempotency key the tenant already has a job under is not added: the stored one stands in its place.
     *
     * @return for each job, the job stored for it: itself, or the one stored under its idempotency key
     */
    private List<Job> store(List<Job> jobs) {
        TransitionAudit audit = new TransitionAudit(hooks);
        List<Optional<AuditEvent>> queued = jobs.stream().map(job -> job.status() != JobStatus.QUEUED
                        ? Optional.<AuditEvent>empty()
                        : audit.onNextWrite(job, AuditTypes.QUEUED,
                                () -> Payload.of("from", JobStatus.CREATED.wireName())))
                .toList();
        List<Job> stored;
        if (jobs.stream().anyMatch(job -> job.idempotency().isPresent())) {
            stored = store.insertOrFind(jobs, audit.pending());
        } else if (jobs.size() == 1 && audit.pending().isEmpty()) {
            store.insert(jobs.getFirst());
            stored = jobs;
        } else {
            store.insertAll(jobs, audit.pending());
            stored = jobs;
        }
        boolean added = false;
        for (int i = 0; i < jobs.size(); i++) {
            if (stored.get(i).id().equals(jobs.get(i).id())) {
                audit.committed(queued.get(i));
                events.jobSubmitted(jobs.get(i).pipeline());
                added |= jobs.get(i).status() == JobStatus.QUEUED;
            }
        }
        if (added) {
            wakeWorkers.run();
        }
        return stored;
    }

    @Override
    public Outcome<Started> process(TenantId tenant, JobId id) {
        return start(tenant, id, (job, pipeline) -> {
            if (job.input().isEmpty()) {
                return Rejections.invalid("Job " + id + " has no input to process; submit it with its input.");
            }
            if (job.status() == JobStatus.AWAITING_REVIEW) {
                return Rejections.wrongState("process", job.status(), "resume it with the review decisions.");
            }
            return Outcome.accepted(RunPreparation.newRun(job, pipeline, clock.instant()));
        });
    }

    @Override
    public Outcome<Job> retry(TenantId tenant, JobId id) {
        return start(tenant, id, (job, pipeline) -> job.status() != JobStatus.FAILED
                ? Rejections.wrongState("retry", job.status(), "only a failed job can be retried.")
                : Outcome.accepted(RunPreparation.newRun(job, pipeline, clock.instant())))
                .map(Started::job);
    }

    @Override
    public Outcome<Job> resume(TenantId tenant, JobId id, List<ReviewDecision> decisions) {
        return start(tenant, id, (job, pipeline) -> {
            if (job.status() != JobStatus.AWAITING_REVIEW) {
                return Rejections.wrongState("resume", job.status(), "only a job awaiting review can be resumed.");
            }
            Optional<String> invalid = ReviewDecisions.check(job.reviewItems(), decisions);
            if (invalid.isPresent()) {
                return Rejections.invalid(invalid.get());
            }
            return Outcome.accepted(afterReview(job, pipeline, decisions));
        }).map(Started::job);
    }

    @Override
    public Outcome<Job> cancel(TenantId tenant, JobId id) {
        return new Cancellation(store, running, hooks, clock, events).cancel(tenant, id);
    }

    /** Prepares and atomically starts a job, re-reading it when someone changed it in between. */
    private Outcome<Started> start(TenantId tenant, JobId id, BiFunction<Job, PipelineDefinition, Outcome<Job>> prepare) {
        for (int race = 0; race < MAX_RACES; race++) {
            Optional<Job> found = store.find(tenant, id);
            if (found.isEmpty()) {
                return Rejections.notFound(id);
            }
            Job job = found.get();
            Optional<PipelineDefinition> pipeline = pipelines.find(job.pipeline());
            if (pipeline.isEmpty()) {
                return Rejections.unknownPipeline(job.pipeline(), pipelines.names());
            }
            if (job.processing()) {
                return Rejections.alreadyProcessing(id);
            }
            Outcome<Job> prepared = prepare.apply(job, pipeline.get());
            if (!(prepared instanceof Outcome.Accepted<Job> accepted)) {
                return prepared.map(j -> null);
            }
            // One copy of the learned timings (a live view) for the stored estimate and the answer: a worker woken
            // by this start, or polling, may finish steps and learn from them before the answer is made.
            Map<String, StepTiming> learned = Map.copyOf(timings.of(pipeline.get().name()));
            Job next = withEstimate(accepted.value(), pipeline.get(), learned);
            Optional<Job> started = store.startIfIdle(next);
            if (started.isPresent()) {
                hooks.audit(started.get(), AuditTypes.QUEUED,
                        () -> Payload.of("from", job.status().wireName()));
                wakeWorkers.run();
                Optional<Long> seconds = eta.totalSeconds(pipeline.get(), started.get(), learned)
                        .map(s -> (long) Math.ceil(s));
                return Outcome.accepted(new Started(started.get(), seconds));
            }
        }
        return Rejections.alreadyProcessing(id);
    }

    private Job withEstimate(Job job, PipelineDefinition pipeline) {
        return withEstimate(job, pipeline, timings.of(pipeline.name()));
    }

    private Job withEstimate(Job job, PipelineDefinition pipeline, Map<String, StepTiming> learned) {
        Instant now = clock.instant();
        Optional<Instant> completion = eta.totalSeconds(pipeline, job, learned)
                .map(seconds -> now.plusMillis(Math.round(seconds * 1000)));
        return job.toBuilder().estimatedCompletionAt(completion).build();
    }

    private Job afterReview(Job job, PipelineDefinition pipeline, List<ReviewDecision> decisions) {
        Instant now = clock.instant();
        int gate = job.currentStep().map(job::indexOf).orElse(-1);
        Job.Builder next = job.toBuilder();
        if (gate >= 0 && job.steps().get(gate).status() == StepStatus.RUNNING) {
            long approved = decisions.stream().filter(ReviewDecision::approved).count();
            StepRecord passed = job.steps().get(gate).complete(now, Payload.of("approved", approved,
                    "rejected", decisions.size() - approved), List.of(), 0, 0, 0.0);
            next.step(gate, passed);
        }
        List<ReviewDecision> all = new java.util.ArrayList<>(job.reviewDecisions());
        all.addAll(decisions);
        Job reviewed = next.reviewItems(List.of()).reviewDecisions(all).build();
        return RunPreparation.queued(reviewed.toBuilder()
                .progress(Progress.atLeast(job, pipeline, reviewed.steps())), now).build();
    }

    private static Optional<String> invalidOptions(PipelineDefinition pipeline, PipelineOptions options) {
        if (options.startFrom().isPresent() && pipeline.indexOf(options.startFrom().get()) < 0) {
            return Optional.of("options.start_from names no step of pipeline '" + pipeline.name() + "'; its steps are: "
                    + String.join(", ", pipeline.stepNames()) + ".");
        }
        for (String step : options.continuePastFailure()) {
            if (pipeline.indexOf(step) < 0) {
                return Optional.of("options.continue_past_failure names no step of pipeline '" + pipeline.name()
                        + "': '" + step + "'; its steps are: " + String.join(", ", pipeline.stepNames()) + ".");
            }
        }
        return Optional.empty();
    }
}
