package dev.conveyor.port.out;

import dev.conveyor.model.AuditPage;
import dev.conveyor.model.AuditQuery;
import dev.conveyor.model.JobId;
import dev.conveyor.model.TenantId;

/**
 * Reads back the audit log an {@link AuditHook} keeps: one job's events, oldest first, a page at a time. It
 * answers for any job id it is given; whether the caller may see that job is checked before it is asked.
 */
@FunctionalInterface
public interface AuditTrail {

    /**
     * @throws IllegalArgumentException when the query's cursor is not one this trail gave out
     */
    AuditPage events(TenantId tenant, JobId id, AuditQuery query);
}
