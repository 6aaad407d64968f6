package dev.conveyor.adapter.postgres;

import dev.conveyor.adapter.postgres.schema.tables.records.JobRecord;
import dev.conveyor.model.Idempotency;
import dev.conveyor.model.IdempotencyKey;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Lease;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.TenantId;
import dev.conveyor.model.UserError;
import dev.conveyor.model.WorkerId;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Between the job model and its row. The running step's units and cost are also kept in the narrow
 * {@code running_*} columns, which the progress write updates alone; reading lays them back over that step.
 * {@code queued_at} and {@code ttl_from} are derived here for the queue and cleanup indexes. The idempotency key
 * and the request's fingerprint are written once, on insert.
 */
final class JobMapper {

    private JobMapper() {
    }

    static JobRecord toRecord(Job job) {
        JobRecord row = new JobRecord();
        row.setId(job.id().value());
        row.setTenant(job.tenant().value());
        row.setPipeline(job.pipeline());
        row.setInput(JobJson.payload(job.input()));
        row.setCreatedAt(time(job.createdAt()));
        row.setIdempotencyKey(job.idempotency().map(idempotency -> idempotency.key().value()).orElse(null));
        row.setRequestFingerprint(job.idempotency().map(Idempotency::fingerprint).orElse(null));
        writeMutable(job, row);
        return row;
    }

    /** The columns a full update writes: everything but identity, input and creation time. */
    static void writeMutable(Job job, JobRecord row) {
        row.setOptions(JobJson.options(job.options()));
        row.setStatus(job.status().name());
        row.setPipelineSteps(StepsJson.write(job.steps()));
        row.setCurrentStep(job.currentStep().orElse(null));
        row.setProgress((short) job.progress());
        row.setProcessing(job.processing());
        row.setErrorCode(job.error().map(UserError::code).orElse(null));
        row.setErrorMessage(job.error().map(UserError::message).orElse(null));
        row.setCostUsd(job.costUsd());
        row.setEstimatedCompletionAt(job.estimatedCompletionAt().map(JobMapper::time).orElse(null));
        row.setReviewItems(JobJson.reviewItems(job.reviewItems()));
        row.setReviewDecisions(JobJson.reviewDecisions(job.reviewDecisions()));
        row.setLeaseOwner(job.lease().map(lease -> lease.owner().value()).orElse(null));
        row.setLeaseExpiresAt(job.lease().map(lease -> time(lease.expiresAt())).orElse(null));
        row.setCancelRequested(job.cancelRequested());
        row.setWorkerLosses((short) Math.min(Short.MAX_VALUE, job.workerLosses()));
        Optional<StepRecord> running = runningStep(job);
        row.setRunningStep(running.map(StepRecord::name).orElse(null));
        row.setRunningUnitsDone(running.map(StepRecord::unitsDone).orElse(null));
        row.setRunningUnitsTotal(running.map(StepRecord::unitsTotal).orElse(null));
        row.setRunningCostUsd(running.map(StepRecord::costUsd).orElse(null));
        row.setUpdatedAt(time(job.updatedAt()));
        row.setStartedAt(job.startedAt().map(JobMapper::time).orElse(null));
        row.setFinishedAt(job.finishedAt().map(JobMapper::time).orElse(null));
        row.setQueuedAt(job.status() == JobStatus.QUEUED && job.processing() ? time(job.updatedAt()) : null);
        row.setTtlFrom(ttlFrom(job));
        row.setVersion(job.version());
    }

    /**
     * When the job starts to age towards its removal: a finished job from its finish, a job created but never
     * started or awaiting review from its last change (it is kept for the longer idle TTL); null for the others,
     * which never expire while they are queued or run.
     */
    static OffsetDateTime ttlFrom(Job job) {
        if (job.status().isFinished()) {
            return time(job.finishedAt().orElse(job.updatedAt()));
        }
        return job.status() == JobStatus.CREATED || job.status() == JobStatus.AWAITING_REVIEW
                ? time(job.updatedAt()) : null;
    }

    static Job toJob(JobRecord row) {
        Optional<Lease> lease = row.getLeaseOwner() == null || row.getLeaseExpiresAt() == null ? Optional.empty()
                : Optional.of(new Lease(new WorkerId(row.getLeaseOwner()), row.getLeaseExpiresAt().toInstant()));
        Optional<UserError> error = row.getErrorCode() == null ? Optional.empty()
                : Optional.of(UserError.of(row.getErrorCode(), row.getErrorMessage()));
        return new Job(new JobId(row.getId()), new TenantId(row.getTenant()), row.getPipeline(),
                JobJson.payload(row.getInput()), JobJson.options(row.getOptions()), idempotency(row),
                JobStatus.valueOf(row.getStatus()), steps(row), Optional.ofNullable(row.getCurrentStep()),
                row.getProgress(), row.getProcessing(), error, row.getCostUsd(),
                instant(row.getEstimatedCompletionAt()), JobJson.reviewItems(row.getReviewItems()),
                JobJson.reviewDecisions(row.getReviewDecisions()), lease, row.getCancelRequested(),
                row.getWorkerLosses(), row.getCreatedAt().toInstant(), row.getUpdatedAt().toInstant(), instant(row.getStartedAt()),
                instant(row.getFinishedAt()), row.getVersion());
    }

    private static Optional<Idempotency> idempotency(JobRecord row) {
        return row.getIdempotencyKey() == null ? Optional.empty() : Optional.of(
                new Idempotency(IdempotencyKey.of(row.getIdempotencyKey()), row.getRequestFingerprint()));
    }

    static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Optional<Instant> instant(OffsetDateTime time) {
        return Optional.ofNullable(time).map(OffsetDateTime::toInstant);
    }

    /** The step whose live units the progress write keeps: the current step when running, else the first running one. */
    private static Optional<StepRecord> runningStep(Job job) {
        Optional<StepRecord> current = job.currentStep().flatMap(job::step)
                .filter(step -> step.status() == StepStatus.RUNNING);
        return current.isPresent() ? current
                : job.steps().stream().filter(step -> step.status() == StepStatus.RUNNING).findFirst();
    }

    private static List<StepRecord> steps(JobRecord row) {
        List<StepRecord> steps = new ArrayList<>(StepsJson.read(row.getPipelineSteps()));
        String running = row.getRunningStep();
        if (running != null && row.getRunningUnitsDone() != null) {
            for (int i = 0; i < steps.size(); i++) {
                StepRecord step = steps.get(i);
                if (step.name().equals(running) && step.status() == StepStatus.RUNNING) {
                    steps.set(i, step.withUnits(row.getRunningUnitsDone(), row.getRunningUnitsTotal())
                            .withCost(row.getRunningCostUsd()));
                    break;
                }
            }
        }
        return steps;
    }
}
