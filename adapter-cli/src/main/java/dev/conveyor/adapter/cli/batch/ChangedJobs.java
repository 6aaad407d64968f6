package dev.conveyor.adapter.cli.batch;

import dev.conveyor.model.AuditEvent;
import dev.conveyor.model.JobId;
import dev.conveyor.port.out.AuditHook;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs this process's engine has changed since a run last asked, and whether it settled them: an audit hook,
 * told of each transition once the write that makes it has committed, so a job read after hearing of it is read as
 * changed. A run re-reads only these instead of every job it follows. It hears nothing of what other processes do
 * to a job, nor of a call its engine's hook queue dropped: the run still reads the rest now and then
 * ({@link Tracker}).
 */
public final class ChangedJobs implements AuditHook {

    /** The events of the writes that settle a job: it completed, failed, was cancelled or waits for a review. */
    private static final Set<String> SETTLING = Set.of("pipeline_complete", "pipeline_failed", "pipeline_cancelled",
            "pipeline_review_needed");

    private final Map<JobId, Boolean> changed = new ConcurrentHashMap<>();

    @Override
    public void record(AuditEvent event) {
        changed.merge(event.jobId(), SETTLING.contains(event.type()), Boolean::logicalOr);
    }

    /** The jobs settled since they were last drained, each once; their other changes are drained with them. */
    List<JobId> drainSettled() {
        List<JobId> drained = new ArrayList<>();
        changed.forEach((id, settled) -> {
            if (settled && changed.remove(id, Boolean.TRUE)) {
                drained.add(id);
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
