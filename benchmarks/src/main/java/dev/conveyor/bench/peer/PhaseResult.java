package dev.conveyor.bench.peer;

import java.util.Optional;

/**
 * One phase's figures. The drain is timed from the first job's start to the moment the database holds every job
 * as done, so the workers' start-up (timed apart) does not count against either system. The after-work of each
 * part (such as audit events still to write) is timed apart too, and its CPU counts with the part: CPU is what was
 * used from the first enqueue until its after-work was written, and from the workers' start until theirs was.
 */
record PhaseResult(String name, String enqueuedBy, int jobs, long completed, long enqueueNanos,
                   long enqueueSettleNanos, long startupNanos, long drainNanos, long settleNanos, CpuMeter.Used enqueueCpu, CpuMeter.Used drainCpu,
                   Optional<Statements> statements) {

    double enqueueRate() {
        return jobs / (enqueueNanos / 1e9);
    }

    double drainRate() {
        return jobs / (drainNanos / 1e9);
    }

    /** From the first enqueue to the last job done, start-up included. */
    double endToEndRate() {
        return jobs / ((enqueueNanos + startupNanos + drainNanos) / 1e9);
    }
}
