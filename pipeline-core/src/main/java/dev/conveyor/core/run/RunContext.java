package dev.conveyor.core.run;

import dev.conveyor.core.eta.EtaEstimator;
import dev.conveyor.core.hooks.Hooks;
import dev.conveyor.model.WorkerId;
import dev.conveyor.port.out.EngineEvents;
import dev.conveyor.port.out.JobStore;

import java.time.Clock;
import java.time.Duration;

/**
 * What every run of this worker shares.
 *
 * @param maxWorkerLosses the losses in a row of a step's worker after which its job fails, for a pipeline that
 *                        sets none
 */
record RunContext(JobStore store, LearnedTimings timings, EtaEstimator eta, Hooks hooks, ProgressFlusher flusher,
                  RunningJobs running, StepAttempts attempts, Clock clock, WorkerId worker, Duration leaseLength,
                  int maxWorkerLosses, EngineEvents events) {
}
