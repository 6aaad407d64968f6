package dev.conveyor.adapter.postgres;

import dev.conveyor.adapter.postgres.schema.tables.records.JobRecord;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.ProgressUpdate;
import dev.conveyor.model.TenantId;
import dev.conveyor.model.WorkerId;
import org.jooq.Field;
import org.jooq.Query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.conveyor.adapter.postgres.Database.SQL;
import static dev.conveyor.adapter.postgres.schema.tables.Job.JOB;

/**
 * The single-row job writes, each one conditional statement built without a connection, so that the
 * group-commit writer can send many of them in one transaction.
 */
final class JobWrites {

    /** What a full update replaces: everything but identity, tenant, pipeline, input, creation and version. */
    private static final List<Field<?>> MUTABLE = List.of(JOB.OPTIONS, JOB.STATUS, JOB.PIPELINE_STEPS,
            JOB.CURRENT_STEP, JOB.PROGRESS, JOB.PROCESSING, JOB.ERROR_CODE, JOB.ERROR_MESSAGE, JOB.COST_USD,
            JOB.ESTIMATED_COMPLETION_AT, JOB.REVIEW_ITEMS, JOB.REVIEW_DECISIONS, JOB.LEASE_OWNER,
            JOB.LEASE_EXPIRES_AT, JOB.CANCEL_REQUESTED, JOB.RUNNING_STEP, JOB.RUNNING_UNITS_DONE,
            JOB.RUNNING_UNITS_TOTAL, JOB.RUNNING_COST_USD, JOB.UPDATED_AT, JOB.STARTED_AT, JOB.FINISHED_AT,
            JOB.QUEUED_AT, JOB.TTL_FROM);

    private JobWrites() {
    }

    /** Inserts the job unless its id exists: zero rows then. */
    static Query insert(Job job) {
        return SQL.insertInto(JOB).set(JobMapper.toRecord(job)).onConflictDoNothing();
    }

    /** Compare-and-set on the version: one row when the stored version still is {@code job.version()}. */
    static Query update(Job job) {
        return SQL.update(JOB).set(mutableColumns(job)).set(JOB.VERSION, JOB.VERSION.plus(1))
                .where(JOB.ID.eq(job.id().value()))
                .and(JOB.TENANT.eq(job.tenant().value()))
                .and(JOB.VERSION.eq(job.version()));
    }

    /** Like {@link #update(Job)}, and only while the stored job is not processing: the atomic start. */
    static Query startIfIdle(Job started) {
        return SQL.update(JOB).set(mutableColumns(started)).set(JOB.VERSION, JOB.VERSION.plus(1))
                .where(JOB.ID.eq(started.id().value()))
                .and(JOB.TENANT.eq(started.tenant().value()))
                .and(JOB.VERSION.eq(started.version()))
                .and(JOB.PROCESSING.isFalse());
    }

    /**
     * The narrow, frequent write: progress columns only, while this worker leases the job and the step runs.
     * Neither version nor update time changes, so it never makes a real update stale.
     */
    static Query progress(TenantId tenant, JobId id, WorkerId worker, ProgressUpdate update) {
        return SQL.update(JOB)
                .set(JOB.RUNNING_UNITS_DONE, update.unitsDone())
                .set(JOB.RUNNING_UNITS_TOTAL, update.unitsTotal())
                .set(JOB.RUNNING_COST_USD, update.stepCostUsd())
                .set(JOB.PROGRESS, (short) update.progress())
                .set(JOB.COST_USD, update.jobCostUsd())
                .set(JOB.ESTIMATED_COMPLETION_AT, update.estimatedCompletionAt().map(JobMapper::time).orElse(null))
                .where(JOB.ID.eq(id.value()))
                .and(JOB.TENANT.eq(tenant.value()))
                .and(JOB.STATUS.eq(dev.conveyor.model.JobStatus.RUNNING.name()))
                .and(JOB.LEASE_OWNER.eq(worker.value()))
                .and(JOB.RUNNING_STEP.eq(update.stepName()));
    }

    private static Map<Field<?>, Object> mutableColumns(Job job) {
        JobRecord row = new JobRecord();
        JobMapper.writeMutable(job, row);
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        for (Field<?> field : MUTABLE) {
            values.put(field, row.get(field));
        }
        return values;
    }
}
