package dev.conveyor.port.out;

import dev.conveyor.model.AuditEvent;

/** Receives an audit event at every transition. Fire-and-forget: a failure here never harms the job. */
@FunctionalInterface
public interface AuditHook {

    void record(AuditEvent event) throws Exception;

    /**
     * Whether {@code store} keeps this audit log itself, writing each event in the same transaction as the
     * transition it records ({@link JobStore#update(dev.conveyor.model.Job, java.util.List)}). The engine then
     * hands a transition's events to that write instead of to {@link #record}, so the log holds an event exactly
     * when its transition committed; events that no write carries still come through {@link #record}.
     */
    default boolean isKeptBy(JobStore store) {
        return false;
    }
}
