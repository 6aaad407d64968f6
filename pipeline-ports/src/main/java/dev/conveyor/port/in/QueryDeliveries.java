package dev.conveyor.port.in;

import dev.conveyor.model.Delivery;
import dev.conveyor.model.JobId;
import dev.conveyor.model.TenantId;

import java.util.List;
import java.util.Optional;

/** The notification delivery log: what was sent to which receiver for a tenant's jobs, and how it went. */
@FunctionalInterface
public interface QueryDeliveries {

    /** The most deliveries one call returns. */
    int MAX_LIMIT = 200;

    /** No log: nothing is delivered from this process's store. */
    QueryDeliveries NONE = (tenant, job, limit) -> List.of();

    /** The tenant's deliveries, newest first, of one job or of all, at most {@code limit}. */
    List<Delivery> deliveries(TenantId tenant, Optional<JobId> job, int limit);
}
