package dev.conveyor.adapter.cli.engine;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;

/**
 * Told of each write an engine's store has committed for this process, as it returns: a run follows its own
 * engine's jobs from these instead of reading each back. It hears nothing of what other processes write.
 */
public interface WriteWatch {

    /** A write committed {@code stored}: the job exactly as the store now holds it. */
    void stored(Job stored);

    /** A write committed a change to the job (a claim, a step's progress) whose whole row it does not give. */
    void changed(JobId job);
}
