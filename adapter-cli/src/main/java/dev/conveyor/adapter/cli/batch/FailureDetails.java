package dev.conveyor.adapter.cli.batch;

import dev.conveyor.model.AuditEvent;
import dev.conveyor.model.JobId;
import dev.conveyor.port.out.AuditHook;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the internal detail of each job's last failure (for command steps: the exit status and the tail of
 * stderr), which the audit log receives and the user-facing error leaves out. Shown with {@code --verbose}.
 */
public final class FailureDetails implements AuditHook {

    private final Map<JobId, String> details = new ConcurrentHashMap<>();

    @Override
    public void record(AuditEvent event) {
        if (event.type().endsWith("_failed")) {
            String detail = event.details().getString("detail", "");
            if (!detail.isBlank()) {
                details.put(event.jobId(), detail);
            }
        }
    }

    public Map<JobId, String> byJob() {
        return Map.copyOf(details);
    }
}
