package dev.conveyor.core.run;

import dev.conveyor.core.eta.EtaEstimator;
import dev.conveyor.core.hooks.Hooks;
import dev.conveyor.model.WorkerId;
import dev.conveyor.port.out.EngineEvents;
import dev.conveyor.port.out.JobStore;

import java.time.Clock;
import java.time.Duration;

/** What every run of this worker shares. */
record RunContext(JobStore store, LearnedTimings timings, EtaEstimator eta, Hooks hooks, ProgressFlusher flusher,
                  RunningJobs running, StepAttempts attempts, Clock clock, WorkerId worker, Duration leaseLength,
                  EngineEvents events) {
}
