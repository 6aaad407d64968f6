package dev.conveyor.model;

import java.util.Objects;

/** A job's address: its tenant and its id. */
public record JobRef(TenantId tenant, JobId id) {

    public JobRef {
        Objects.requireNonNull(tenant, "tenant must not be null");
        Objects.requireNonNull(id, "id must not be null");
    }

    public static JobRef of(Job job) {
        return new JobRef(job.tenant(), job.id());
    }
}
