package dev.conveyor.adapter.cli.batch;

import dev.conveyor.adapter.cli.engine.WriteWatch;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs this process's engine has written since a run last asked, and, for a write that settled a job
 * (completed, failed, cancelled, paused for review), the job as that write stored it. A run takes a settled job
 * from here instead of reading it back, and re-reads only the other changed ones, now and then. It hears nothing
 * of what other processes do to a job: the run still reads the rest now and then ({@link Tracker}).
 */
public final class ChangedJobs implements WriteWatch {

    /** The newest write of a job since it was last drained; the stored job when the write gave it. */
    private record Change(Optional<Job> stored) {
        boolean settled() {
            return stored.map(job -> !job.processing() && job.status() != JobStatus.CREATED).orElse(false);
        }

        /** Of two writes of one job, the later: a whole stored job wins over a bare change, a newer version over an older. */
        static Change later(Change a, Change b) {
            if (a.stored.isEmpty() || b.stored.isEmpty()) {
                return a.stored.isPresent() ? a : b;
            }
            return b.stored.get().version() >= a.stored.get().version() ? b : a;
        }
    }

    private final Map<JobId, Change> changed = new ConcurrentHashMap<>();

    @Override
    public void stored(Job stored) {
        changed.merge(stored.id(), new Change(Optional.of(stored)), Change::later);
    }

    @Override
    public void changed(JobId job) {
        changed.merge(job, new Change(Optional.empty()), Change::later);
    }

    /** The jobs settled since they were last drained, as stored, each once; their other changes go with them. */
    List<Job> drainSettled() {
        List<Job> drained = new ArrayList<>();
        changed.forEach((id, change) -> {
            if (change.settled() && changed.remove(id, change)) {
                drained.add(change.stored().orElseThrow());
            }
        });
        return drained;
    }

    /** Every job changed since it was last drained, each once; a change that comes in meanwhile waits for the next. */
    List<JobId> drainAll() {
        List<JobId> drained = new ArrayList<>();
        for (Iterator<JobId> ids = changed.keySet().iterator(); ids.hasNext(); ) {
            drained.add(ids.next());
            ids.remove();
        }
        return drained;
    }
}
