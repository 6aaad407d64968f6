package dev.conveyor.adapter.postgres;

import dev.conveyor.adapter.postgres.schema.tables.records.JobRecord;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.ProgressUpdate;
import dev.conveyor.model.TenantId;
import dev.conveyor.model.WorkerId;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.impl.DSL;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.conveyor.adapter.postgres.Database.SQL;
import static dev.conveyor.adapter.postgres.schema.tables.Job.JOB;

/**
 * The single-row job writes: each one conditional statement that jOOQ renders once from the generated schema
 * (see {@link PreparedWrite}), so that the group-commit writer can send many of them in one transaction and
 * a write costs only the binding of its values.
 */
final class JobWrites {

    /** What a full update replaces: everything but identity, tenant, pipeline, input, creation and version. */
    private static final List<Field<?>> MUTABLE = List.of(JOB.OPTIONS, JOB.STATUS, JOB.PIPELINE_STEPS,
            JOB.CURRENT_STEP, JOB.PROGRESS, JOB.PROCESSING, JOB.ERROR_CODE, JOB.ERROR_MESSAGE, JOB.COST_USD,
            JOB.ESTIMATED_COMPLETION_AT, JOB.REVIEW_ITEMS, JOB.REVIEW_DECISIONS, JOB.LEASE_OWNER,
            JOB.LEASE_EXPIRES_AT, JOB.CANCEL_REQUESTED, JOB.RUNNING_STEP, JOB.RUNNING_UNITS_DONE,
            JOB.RUNNING_UNITS_TOTAL, JOB.RUNNING_COST_USD, JOB.UPDATED_AT, JOB.STARTED_AT, JOB.FINISHED_AT,
            JOB.QUEUED_AT, JOB.TTL_FROM);

    private static final String EXPECTED_VERSION = "expected_version";
    private static final String WORKER = "worker";

    /** Inserts the job unless its id exists: zero rows then. */
    static final PreparedWrite INSERT = PreparedWrite.of(SQL.insertInto(JOB)
            .set(parameters(List.of(JOB.fields()))).onConflictDoNothing());

    /** Compare-and-set on the version: one row when the stored version still is the job's. */
    static final PreparedWrite UPDATE = PreparedWrite.of(SQL.update(JOB).set(parameters(MUTABLE))
            .set(JOB.VERSION, JOB.VERSION.plus(DSL.inline(1L)))
            .where(JOB.ID.eq(parameter(JOB.ID)))
            .and(JOB.TENANT.eq(parameter(JOB.TENANT)))
            .and(JOB.VERSION.eq(DSL.param(EXPECTED_VERSION, JOB.VERSION))));

    /** Like {@link #UPDATE}, and only while the stored job is not processing: the atomic start. */
    static final PreparedWrite START_IF_IDLE = PreparedWrite.of(SQL.update(JOB).set(parameters(MUTABLE))
            .set(JOB.VERSION, JOB.VERSION.plus(DSL.inline(1L)))
            .where(JOB.ID.eq(parameter(JOB.ID)))
            .and(JOB.TENANT.eq(parameter(JOB.TENANT)))
            .and(JOB.VERSION.eq(DSL.param(EXPECTED_VERSION, JOB.VERSION)))
            .and(JOB.PROCESSING.isFalse()));

    /**
     * The narrow, frequent write: progress columns only, while this worker leases the job and the step runs.
     * Neither version nor update time changes, so it never makes a real update stale.
     */
    static final PreparedWrite PROGRESS = PreparedWrite.of(SQL.update(JOB)
            .set(parameters(List.of(JOB.RUNNING_UNITS_DONE, JOB.RUNNING_UNITS_TOTAL, JOB.RUNNING_COST_USD,
                    JOB.PROGRESS, JOB.COST_USD, JOB.ESTIMATED_COMPLETION_AT)))
            .where(JOB.ID.eq(parameter(JOB.ID)))
            .and(JOB.TENANT.eq(parameter(JOB.TENANT)))
            .and(JOB.STATUS.eq(DSL.inline(JobStatus.RUNNING.name())))
            .and(JOB.LEASE_OWNER.eq(DSL.param(WORKER, JOB.LEASE_OWNER)))
            .and(JOB.RUNNING_STEP.eq(parameter(JOB.RUNNING_STEP))));

    private JobWrites() {
    }

    static Object[] insert(Job job) {
        JobRecord row = JobMapper.toRecord(job);
        return INSERT.values(row::get);
    }

    static Object[] update(Job job) {
        return versioned(UPDATE, job);
    }

    static Object[] startIfIdle(Job started) {
        return versioned(START_IF_IDLE, started);
    }

    static Object[] progress(TenantId tenant, JobId id, WorkerId worker, ProgressUpdate update) {
        return PROGRESS.values(name -> switch (name) {
            case "running_units_done" -> update.unitsDone();
            case "running_units_total" -> update.unitsTotal();
            case "running_cost_usd" -> update.stepCostUsd();
            case "progress" -> (short) update.progress();
            case "cost_usd" -> update.jobCostUsd();
            case "estimated_completion_at" -> update.estimatedCompletionAt().map(JobMapper::time).orElse(null);
            case "id" -> id.value();
            case "tenant" -> tenant.value();
            case WORKER -> worker.value();
            case "running_step" -> update.stepName();
            default -> throw new IllegalStateException("no value for parameter " + name);
        });
    }

    private static Object[] versioned(PreparedWrite write, Job job) {
        JobRecord row = new JobRecord();
        JobMapper.writeMutable(job, row);
        return write.values(name -> switch (name) {
            case "id" -> job.id().value();
            case "tenant" -> job.tenant().value();
            case EXPECTED_VERSION -> job.version();
            default -> row.get(name);
        });
    }

    /** Each column set to a parameter named after it. */
    private static Map<Field<?>, Object> parameters(List<Field<?>> fields) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        for (Field<?> field : fields) {
            values.put(field, parameter(field));
        }
        return values;
    }

    private static <T> Param<T> parameter(Field<T> column) {
        return DSL.param(column.getName(), column);
    }
}
