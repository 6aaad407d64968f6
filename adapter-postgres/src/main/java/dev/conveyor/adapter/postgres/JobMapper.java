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
import dev.conveyor.model.UnitPace;
import dev.conveyor.model.UserError;
import dev.conveyor.model.WorkerId;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.Field;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.conveyor.adapter.postgres.schema.tables.Job.JOB;

/**
 * Between the job model and its row. The running step's units, unit pace and cost are also kept in the narrow
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

    /**
     * What a full update replaces, in the order {@link #writeMutable(Job, Object[], int)} gives their values:
     * everything but identity, tenant, pipeline, input, creation and version.
     */
    static final List<Field<?>> MUTABLE = List.of(JOB.OPTIONS, JOB.STATUS, JOB.PIPELINE_STEPS,
            JOB.CURRENT_STEP, JOB.PROGRESS, JOB.PROCESSING, JOB.ERROR_CODE, JOB.ERROR_MESSAGE, JOB.COST_USD,
            JOB.ESTIMATED_COMPLETION_AT, JOB.REVIEW_ITEMS, JOB.REVIEW_DECISIONS, JOB.LEASE_OWNER,
            JOB.LEASE_EXPIRES_AT, JOB.CANCEL_REQUESTED, JOB.WORKER_LOSSES, JOB.RUNNING_STEP, JOB.RUNNING_UNITS_DONE,
            JOB.RUNNING_UNITS_TOTAL, JOB.RUNNING_COST_USD, JOB.UPDATED_AT, JOB.STARTED_AT, JOB.FINISHED_AT,
            JOB.QUEUED_AT, JOB.TTL_FROM, JOB.RUNNING_PACE_UNITS, JOB.RUNNING_PACE_LOG_SUM,
            JOB.RUNNING_PACE_LOG_SQUARES, JOB.RUNNING_PACE_AT);

    /** The columns a full update writes, and the version. */
    @SuppressWarnings("unchecked")
    static void writeMutable(Job job, JobRecord row) {
        Object[] values = new Object[MUTABLE.size()];
        writeMutable(job, values, 0);
        for (int i = 0; i < values.length; i++) {
            row.set((Field<Object>) MUTABLE.get(i), values[i]);
        }
        row.setVersion(job.version());
    }

    /**
     * The values of the {@link #MUTABLE} columns, in that order, into {@code values} from {@code at}: straight
     * into the parameter row a write sends, since every transition writes them all.
     */
    static void writeMutable(Job job, Object[] values, int at) {
        Lease lease = job.lease().orElse(null);
        UserError error = job.error().orElse(null);
        StepRecord running = runningStep(job);
        OffsetDateTime updatedAt = time(job.updatedAt());
        values[at] = JobJson.options(job.options());
        values[at + 1] = job.status().name();
        values[at + 2] = StepsJson.write(job.steps());
        values[at + 3] = job.currentStep().orElse(null);
        values[at + 4] = (short) job.progress();
        values[at + 5] = job.processing();
        values[at + 6] = error == null ? null : error.code();
        values[at + 7] = error == null ? null : error.message();
        values[at + 8] = job.costUsd();
        values[at + 9] = timeOrNull(job.estimatedCompletionAt());
        values[at + 10] = JobJson.reviewItems(job.reviewItems());
        values[at + 11] = JobJson.reviewDecisions(job.reviewDecisions());
        values[at + 12] = lease == null ? null : lease.owner().value();
        values[at + 13] = lease == null ? null : time(lease.expiresAt());
        values[at + 14] = job.cancelRequested();
        values[at + 15] = (short) Math.min(Short.MAX_VALUE, job.workerLosses());
        values[at + 16] = running == null ? null : running.name();
        values[at + 17] = running == null ? null : running.unitsDone();
        values[at + 18] = running == null ? null : running.unitsTotal();
        values[at + 19] = running == null ? null : running.costUsd();
        values[at + 20] = updatedAt;
        values[at + 21] = timeOrNull(job.startedAt());
        values[at + 22] = timeOrNull(job.finishedAt());
        values[at + 23] = job.status() == JobStatus.QUEUED && job.processing() ? updatedAt : null;
        values[at + 24] = ttlFrom(job);
        UnitPace pace = running == null ? null : running.unitPace().orElse(null);
        values[at + 25] = pace == null ? null : pace.units();
        values[at + 26] = pace == null ? null : pace.logSum();
        values[at + 27] = pace == null ? null : pace.logSquares();
        values[at + 28] = pace == null ? null : time(pace.at());
    }

    /** The running step's unit pace as the progress write keeps it, or all null. */
    static Object unitPaceColumn(Optional<UnitPace> pace, int index) {
        if (pace.isEmpty()) {
            return null;
        }
        return switch (index) {
            case 0 -> pace.get().units();
            case 1 -> pace.get().logSum();
            case 2 -> pace.get().logSquares();
            default -> time(pace.get().at());
        };
    }

    private static OffsetDateTime timeOrNull(Optional<Instant> instant) {
        return instant.isPresent() ? time(instant.get()) : null;
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

    /**
     * The step whose live units the progress write keeps: the current step when running, else the first running
     * one; null for none.
     */
    private static StepRecord runningStep(Job job) {
        if (job.currentStep().isPresent()) {
            String current = job.currentStep().get();
            for (StepRecord step : job.steps()) {
                if (step.name().equals(current)) {
                    if (step.status() == StepStatus.RUNNING) {
                        return step;
                    }
                    break;
                }
            }
        }
        for (StepRecord step : job.steps()) {
            if (step.status() == StepStatus.RUNNING) {
                return step;
            }
        }
        return null;
    }

    private static List<StepRecord> steps(JobRecord row) {
        List<StepRecord> steps = new ArrayList<>(StepsJson.read(row.getPipelineSteps()));
        String running = row.getRunningStep();
        if (running != null && row.getRunningUnitsDone() != null) {
            for (int i = 0; i < steps.size(); i++) {
                StepRecord step = steps.get(i);
                if (step.name().equals(running) && step.status() == StepStatus.RUNNING) {
                    steps.set(i, step.withUnits(row.getRunningUnitsDone(), row.getRunningUnitsTotal())
                            .withCost(row.getRunningCostUsd()).withUnitPace(runningPace(row).or(step::unitPace)));
                    break;
                }
            }
        }
        return steps;
    }

    private static Optional<UnitPace> runningPace(JobRecord row) {
        Long units = row.getRunningPaceUnits();
        Double logSum = row.getRunningPaceLogSum();
        Double logSquares = row.getRunningPaceLogSquares();
        OffsetDateTime at = row.getRunningPaceAt();
        if (units == null || logSum == null || logSquares == null || at == null || units < 0
                || !Double.isFinite(logSum) || !(logSquares >= 0.0) || Double.isInfinite(logSquares)) {
            return Optional.empty();
        }
        return Optional.of(new UnitPace(units, logSum, logSquares, at.toInstant()));
    }
}
