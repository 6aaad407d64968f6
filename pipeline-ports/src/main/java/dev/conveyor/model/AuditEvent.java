package dev.conveyor.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the audit log: {@code pipeline_extract_start}, {@code pipeline_extract_complete},
 * {@code pipeline_review_needed}, {@code pipeline_complete} (with duration and cost), {@code pipeline_failed}
 * (with the internal detail the user never sees), …
 */
public record AuditEvent(TenantId tenant, JobId jobId, String type, Instant at, Payload details) {

    public AuditEvent {
        Objects.requireNonNull(tenant, "tenant must not be null");
        Objects.requireNonNull(jobId, "jobId must not be null");
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(at, "at must not be null");
        Objects.requireNonNull(details, "details must not be null");
    }
}
