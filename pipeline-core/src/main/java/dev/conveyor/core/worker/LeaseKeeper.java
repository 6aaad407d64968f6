package dev.conveyor.core.worker;

import dev.conveyor.core.run.RunningJobs;
import dev.conveyor.model.JobRef;
import dev.conveyor.model.LeaseRenewal;
import dev.conveyor.model.WorkerId;
import dev.conveyor.port.out.JobStore;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * Keeps this process's leases alive while their steps run, and carries back what the store says: a job
 * another worker took over stops here; a job someone cancelled elsewhere stops its step.
 */
public final class LeaseKeeper {

    private final JobStore store;
    private final RunningJobs running;
    private final WorkerId worker;
    private final Duration leaseLength;
    private final Clock clock;

    public LeaseKeeper(JobStore store, RunningJobs running, WorkerId worker, Duration leaseLength, Clock clock) {
        this.store = store;
        this.running = running;
        this.worker = worker;
        this.leaseLength = leaseLength;
        this.clock = clock;
    }

    /** Renews every held lease in one store call. */
    public LeaseRenewal renew() {
        Set<JobRef> held = running.held();
        if (held.isEmpty()) {
            return new LeaseRenewal(Set.of(), Set.of());
        }
        LeaseRenewal renewal = store.renewLeases(worker, held, clock.instant(), leaseLength);
        renewal.lost().forEach(job -> running.stop(job, RunningJobs.LEASE_LOST));
        renewal.cancelRequested().forEach(job -> running.stop(job, RunningJobs.CANCEL));
        return renewal;
    }
}
