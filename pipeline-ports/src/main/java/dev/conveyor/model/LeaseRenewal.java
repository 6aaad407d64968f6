package dev.conveyor.model;

import java.util.Set;

/**
 * The answer to a worker's lease renewal.
 *
 * @param lost             jobs whose lease this worker no longer holds (expired and taken, or finished)
 * @param cancelRequested  jobs it still holds whose cancel has been asked for: stop their steps
 */
public record LeaseRenewal(Set<JobRef> lost, Set<JobRef> cancelRequested) {

    public LeaseRenewal {
        lost = Set.copyOf(lost);
        cancelRequested = Set.copyOf(cancelRequested);
    }
}
