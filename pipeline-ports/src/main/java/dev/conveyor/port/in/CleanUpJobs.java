package dev.conveyor.port.in;

/** Removes finished jobs (completed, failed, cancelled) older than the configured time to live. */
public interface CleanUpJobs {

    /** @return how many jobs were removed */
    int cleanUp();
}
