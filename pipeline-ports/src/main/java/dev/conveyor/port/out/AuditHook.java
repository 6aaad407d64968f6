package dev.conveyor.port.out;

import dev.conveyor.model.AuditEvent;

/** Receives an audit event at every transition. Fire-and-forget: a failure here never harms the job. */
@FunctionalInterface
public interface AuditHook {

    void record(AuditEvent event) throws Exception;
}
