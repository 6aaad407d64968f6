package dev.conveyor.port.in;

/**
 * Removes jobs past their time to live, with their audit events: finished jobs (completed, failed, cancelled) older
 * than the TTL, and jobs created but never started or awaiting review untouched for longer than the idle TTL.
 */
public interface CleanUpJobs {

    /** @return how many jobs were removed */
    int cleanUp();
}
