package dev.conveyor.core.run;

import dev.conveyor.core.eta.EtaEstimator;
import dev.conveyor.core.hooks.AuditTypes;
import dev.conveyor.core.hooks.Hooks;
import dev.conveyor.core.time.Sleeper;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobRef;
import dev.conveyor.model.Payload;
import dev.conveyor.model.WorkerId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.out.ErrorClassifier;
import dev.conveyor.port.out.JobStore;

import java.time.Clock;
import java.time.Duration;

/**
 * The orchestrator: runs one claimed job through its pipeline's steps in order, under should-run, writing
 * every transition to the store at once; pauses at review gates; stops at a permanent failure; finishes a
 * cancel. Many runners share one store; each holds the lease of the job it runs.
 */
public final class JobRunner {

    private final RunContext shared;

    public JobRunner(JobStore store, LearnedTimings timings, EtaEstimator eta, Hooks hooks, ProgressFlusher flusher,
                     RunningJobs running, ErrorClassifier classifier, Sleeper sleeper, Clock clock, WorkerId worker,
                     Duration leaseLength) {
        this.shared = new RunContext(store, timings, eta, hooks, flusher, running,
                new StepAttempts(classifier, sleeper, hooks), clock, worker, leaseLength);
    }

    /** Runs a job this worker has claimed, until it completes, pauses, fails, is cancelled or is lost. */
    public void run(Job claimed, PipelineDefinition pipeline) {
        JobRef ref = JobRef.of(claimed);
        shared.running().hold(ref);
        try {
            PipelineRun run = new PipelineRun(shared, claimed, pipeline);
            run.audit().happened(claimed, AuditTypes.STARTED, () -> Payload.of("worker", shared.worker().value()));
            run.execute();
        } finally {
            shared.running().release(ref);
        }
    }
}
