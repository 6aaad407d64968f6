package dev.conveyor.port.in;

import dev.conveyor.model.IdempotencyKey;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.TenantId;

import java.util.Objects;
import java.util.Optional;

/**
 * The command to create a job: run {@code pipeline} over {@code input}, at once if {@code start}.
 *
 * @param idempotencyKey when present, the submit is idempotent: while the tenant has a job submitted under this key,
 *                       the same request again ({@link #fingerprint()}) gets that job back and a different one is
 *                       refused ({@link Rejection.Reason#IDEMPOTENCY_CONFLICT})
 */
public record SubmitJob(TenantId tenant, String pipeline, Payload input, PipelineOptions options, boolean start,
                        Optional<IdempotencyKey> idempotencyKey) {

    public SubmitJob {
        Objects.requireNonNull(tenant, "tenant must not be null");
        Objects.requireNonNull(pipeline, "pipeline must not be null");
        Objects.requireNonNull(input, "input must not be null");
        Objects.requireNonNull(options, "options must not be null");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey must not be null (use Optional.empty())");
    }

    /** A submit without an idempotency key: every call creates a job. */
    public SubmitJob(TenantId tenant, String pipeline, Payload input, PipelineOptions options, boolean start) {
        this(tenant, pipeline, input, options, start, Optional.empty());
    }

    public static SubmitJob startNow(TenantId tenant, String pipeline, Payload input) {
        return new SubmitJob(tenant, pipeline, input, PipelineOptions.defaults(), true);
    }

    /** The same command, made idempotent under {@code key}. */
    public SubmitJob withIdempotencyKey(IdempotencyKey key) {
        return new SubmitJob(tenant, pipeline, input, options, start, Optional.of(key));
    }

    /**
     * What makes two submits "the same request" for an idempotency key: pipeline, input, options and
     * {@code start}, in a canonical form (object keys sorted, numbers by value so {@code 1} and {@code 1.0} agree,
     * option sets sorted), hashed with SHA-256. Tenant and key are not part of it: they choose where it is looked up.
     */
    public String fingerprint() {
        return RequestFingerprint.of(this);
    }
}
