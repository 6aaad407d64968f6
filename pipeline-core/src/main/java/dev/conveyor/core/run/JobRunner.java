package dev.conveyor.core.run;

import dev.conveyor.core.eta.EtaEstimator;
import dev.conveyor.core.hooks.AuditTypes;
import dev.conveyor.core.hooks.Hooks;
import dev.conveyor.core.time.Sleeper;
import dev.conveyor.core.registry.Pipelines;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobRef;
import dev.conveyor.model.Payload;
import dev.conveyor.model.WorkerId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.out.EngineEvents;
import dev.conveyor.port.out.ErrorClassifier;
import dev.conveyor.port.out.JobStore;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The orchestrator: runs one claimed job through its pipeline's steps in order, under should-run, writing
 * every transition to the store at once; pauses at review gates; stops at a permanent failure; finishes a
 * cancel. Many runners share one store; each holds the lease of the job it runs.
 */
public final class JobRunner {

    private final RunContext shared;

    public JobRunner(JobStore store, LearnedTimings timings, EtaEstimator eta, Hooks hooks, ProgressFlusher flusher,
                     RunningJobs running, ErrorClassifier classifier, Sleeper sleeper, Clock clock, WorkerId worker,
                     Duration leaseLength, EngineEvents events) {
        this.shared = new RunContext(store, timings, eta, hooks, flusher, running,
                new StepAttempts(classifier, sleeper, hooks, events), clock, worker, leaseLength, events);
    }

    /** Runs a job this worker has claimed, until it completes, pauses, fails, is cancelled or is lost. */
    public void run(Job claimed, PipelineDefinition pipeline) {
        run(new Claimed(claimed, pipeline, Optional.empty()));
    }

    /**
     * Claims up to {@code max} queued jobs for this worker. A store that can writes each run's first transition
     * (its first step's start) with the claim, so claiming and starting cost one row write.
     */
    public List<Claimed> claim(Pipelines pipelines, int max) {
        Map<JobId, PipelineRun> prepared = new ConcurrentHashMap<>();
        List<Job> claimed = shared.store().claim(shared.worker(), pipelines.names(), max, shared.clock().instant(),
                shared.leaseLength(), job -> {
                    PipelineRun run = new PipelineRun(shared, job, pipelines.find(job.pipeline()).orElseThrow());
                    started(run, job);
                    try {
                        Optional<JobStore.Transition> first = run.firstTransition();
                        prepared.put(job.id(), run);
                        return first;
                    } catch (RuntimeException e) {
                        // Claimed alone: the run meets the failure again and handles it like any other run's.
                        return Optional.empty();
                    }
                });
        return claimed.stream().map(job -> new Claimed(job, pipelines.find(job.pipeline()).orElseThrow(),
                Optional.ofNullable(prepared.get(job.id())))).toList();
    }

    /** Runs a job this worker has claimed, going on from the first transition its claim wrote, if any. */
    public void run(Claimed claimed) {
        run(claimed, Runnable::run);
    }

    /**
     * Runs a job this worker has claimed, and hands the write of its completion to {@code completions}: the
     * caller is free for other work while that write waits for the store. The job stays held by this process
     * (its lease renewed) until its completion is written.
     *
     * @param completions runs each completion write once, on any thread, or rejects it, in which case this
     *                    thread writes it itself
     */
    public void run(Claimed claimed, Executor completions) {
        Job job = claimed.job();
        JobRef ref = JobRef.of(job);
        shared.running().hold(ref);
        boolean handedOver = false;
        try {
            PipelineRun run = claimed.run.filter(prepared -> prepared.claimedAs(job)).orElseGet(() -> {
                PipelineRun fresh = new PipelineRun(shared, job, claimed.pipeline());
                started(fresh, job);
                return fresh;
            });
            if (run.runSteps()) {
                handedOver = handOver(run, ref, completions);
                if (!handedOver) {
                    run.complete();
                }
            }
        } finally {
            if (!handedOver) {
                shared.running().release(ref);
            }
        }
    }

    private boolean handOver(PipelineRun run, JobRef ref, Executor completions) {
        try {
            completions.execute(() -> {
                try {
                    run.complete();
                } finally {
                    shared.running().release(ref);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void started(PipelineRun run, Job claimed) {
        run.audit().happened(claimed, AuditTypes.STARTED, () -> Payload.of("worker", shared.worker().value()));
    }

    /** A job this worker claimed, and its run when the claim began it. */
    public static final class Claimed {
        private final Job job;
        private final PipelineDefinition pipeline;
        private final Optional<PipelineRun> run;

        private Claimed(Job job, PipelineDefinition pipeline, Optional<PipelineRun> run) {
            this.job = job;
            this.pipeline = pipeline;
            this.run = run;
        }

        public Job job() {
            return job;
        }

        PipelineDefinition pipeline() {
            return pipeline;
        }
    }
}
