package dev.conveyor.core.store;

import dev.conveyor.model.Idempotency;
import dev.conveyor.model.IdempotencyKey;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Lease;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.TenantId;
import dev.conveyor.model.WorkerId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Test data that reads as a sentence: {@code aJob().forTenant("acme").queuedAt(T0).build()}. Starts from
 * {@link Job#create} and changes fields through {@link Job#toBuilder()}, so every job it makes is one the model
 * allows. Instants are whole milliseconds, which every store (PostgreSQL keeps microseconds) round-trips.
 */
public final class JobBuilder {

    /** The fixed "now" of store tests; every other instant is relative to it. */
    public static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

    /** The steps of the reference five-step pipeline, used unless a test names its own. */
    public static final List<String> STEPS = List.of("extract", "classify", "review", "validate", "generate");

    private JobId id = JobId.random();
    private TenantId tenant = TenantId.of("acme");
    private String pipeline = "documents";
    private List<String> stepNames = STEPS;
    private Payload input = Payload.of("files", List.of("a.pdf", "b.pdf"));
    private PipelineOptions options = PipelineOptions.defaults();
    private Instant createdAt = T0;
    private UnaryOperator<Job.Builder> changes = UnaryOperator.identity();

    private JobBuilder() {
    }

    public static JobBuilder aJob() {
        return new JobBuilder();
    }

    public JobBuilder withId(JobId value) {
        this.id = value;
        return this;
    }

    public JobBuilder forTenant(String value) {
        this.tenant = TenantId.of(value);
        return this;
    }

    public JobBuilder forPipeline(String value) {
        this.pipeline = value;
        return this;
    }

    public JobBuilder withSteps(String... names) {
        this.stepNames = List.of(names);
        return this;
    }

    public JobBuilder withInput(Payload value) {
        this.input = value;
        return this;
    }

    public JobBuilder withOptions(PipelineOptions value) {
        this.options = value;
        return this;
    }

    /** Created (and, unless changed later, last updated) at this instant. */
    public JobBuilder createdAt(Instant value) {
        this.createdAt = value;
        return this;
    }

    public JobBuilder updatedAt(Instant value) {
        return with(job -> job.updatedAt(value));
    }

    public JobBuilder withStatus(JobStatus value) {
        return with(job -> job.status(value));
    }

    public JobBuilder processing(boolean value) {
        return with(job -> job.processing(value));
    }

    public JobBuilder withVersion(long value) {
        return with(job -> job.version(value));
    }

    /** Started and waiting for a worker since {@code at}: what {@code claim} takes. */
    public JobBuilder queuedAt(Instant at) {
        return withStatus(JobStatus.QUEUED).processing(true).updatedAt(at).with(job -> job.startedAt(Optional.of(at)));
    }

    /** Run by {@code worker} under a lease until {@code leaseExpiresAt}, its first step running since creation. */
    public JobBuilder runningBy(WorkerId worker, Instant leaseExpiresAt) {
        return withStatus(JobStatus.RUNNING).processing(true).with(job -> {
            Job current = job.build();
            return job.lease(Optional.of(new Lease(worker, leaseExpiresAt)))
                    .currentStep(Optional.of(current.steps().getFirst().name()))
                    .step(0, current.steps().getFirst().start(current.createdAt()))
                    .startedAt(Optional.of(current.createdAt()));
        });
    }

    /** Finished with {@code status} at {@code at}, no longer processing. */
    public JobBuilder finished(JobStatus status, Instant at) {
        return withStatus(status).processing(false).updatedAt(at).with(job -> job.finishedAt(Optional.of(at)));
    }

    /** Submitted under this idempotency key, for a request with this fingerprint. */
    public JobBuilder withIdempotencyKey(String key, String fingerprint) {
        return with(job -> job.idempotency(Optional.of(new Idempotency(IdempotencyKey.of(key), fingerprint))));
    }

    /** Any other change, in the model's own builder. */
    public JobBuilder with(UnaryOperator<Job.Builder> change) {
        UnaryOperator<Job.Builder> before = changes;
        this.changes = job -> change.apply(before.apply(job));
        return this;
    }

    public Job build() {
        Job created = Job.create(id, tenant, pipeline, stepNames, input, options, createdAt);
        return changes.apply(created.toBuilder()).build();
    }
}
