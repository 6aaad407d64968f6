package dev.conveyor.adapter.postgres;

import dev.conveyor.adapter.postgres.schema.tables.records.JobRecord;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.ProgressUpdate;
import dev.conveyor.model.TenantId;
import dev.conveyor.model.WorkerId;
import org.jooq.Field;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.conveyor.adapter.postgres.schema.tables.Job.JOB;

/**
 * The job writes the group-commit writer sends, each a {@link SetWrite}: one statement per kind of write however
 * many jobs' writes share a transaction.
 */
final class JobWrites {

    private static final String EXPECTED_VERSION = "expected_version";
    private static final String WORKER = "worker";
    private static final Map<String, Field<?>> VERSIONED = keys(Map.entry(JOB.ID.getName(), JOB.ID),
            Map.entry(JOB.TENANT.getName(), JOB.TENANT), Map.entry(EXPECTED_VERSION, JOB.VERSION));

    /** Inserts the jobs whose id is new, with the audit events of those. */
    static final SetWrite INSERT = SetWrite.insert("insert", "job_insert_row", List.of(JOB.fields()));

    /** Compare-and-set on the version: a row is written when its stored version still is the job's. */
    static final SetWrite UPDATE = SetWrite.update("update", "job_update_row", JobMapper.MUTABLE, VERSIONED, "",
            true, true);

    /** Like {@link #UPDATE}, and only while the stored job is not processing: the atomic start. */
    static final SetWrite START_IF_IDLE = SetWrite.update("start-if-idle", "job_update_row", JobMapper.MUTABLE,
            VERSIONED, "not job." + JOB.PROCESSING.getName(), true, true);

    /**
     * The narrow, frequent write: progress columns only, while this worker leases the job and the step runs.
     * Neither version nor update time changes, so it never makes a real update stale.
     */
    static final SetWrite PROGRESS = SetWrite.update("progress", "job_progress_row",
            List.of(JOB.RUNNING_UNITS_DONE, JOB.RUNNING_UNITS_TOTAL, JOB.RUNNING_COST_USD, JOB.PROGRESS, JOB.COST_USD,
                    JOB.ESTIMATED_COMPLETION_AT, JOB.RUNNING_PACE_UNITS, JOB.RUNNING_PACE_LOG_SUM,
                    JOB.RUNNING_PACE_LOG_SQUARES, JOB.RUNNING_PACE_AT),
            keys(Map.entry(JOB.ID.getName(), JOB.ID), Map.entry(JOB.TENANT.getName(), JOB.TENANT),
                    Map.entry(WORKER, JOB.LEASE_OWNER), Map.entry(JOB.RUNNING_STEP.getName(), JOB.RUNNING_STEP)),
            "job." + JOB.STATUS.getName() + " = '" + JobStatus.RUNNING.name() + "'", false, false);

    /** The kinds of write in the order a transaction sends them: a job is inserted before anything updates it. */
    static final List<SetWrite> ORDER = List.of(INSERT, UPDATE, START_IF_IDLE, PROGRESS);

    /** A versioned write's parameters: its keys, then the mutable columns in {@link JobMapper#MUTABLE}'s order. */
    private static final List<String> VERSIONED_PARAMETERS = versionedParameters();

    static {
        List<Object> inserted = List.of(INSERT.values(name -> name));
        if (!inserted.equals(Stream.of(JOB.fields()).map(Field::getName).toList())) {
            throw new IllegalStateException("the insert's parameters are not the job table's columns in order: "
                    + inserted);
        }
        for (SetWrite write : List.of(UPDATE, START_IF_IDLE)) {
            if (!List.of(write.values(name -> name)).equals(VERSIONED_PARAMETERS)) {
                throw new IllegalStateException("the " + write.name() + " write's parameters are not in the order "
                        + "its values are given: " + List.of(write.values(name -> name)));
            }
        }
    }

    private JobWrites() {
    }

    /**
     * An insert's parameters: the job's row as it stands, its columns in the table's order, which is the insert's
     * parameter order (checked as the class loads). Read by position, not looked up by name: a record's lookup by
     * name scans its columns, which for every column of every job submitted was most of a batch submit's own work.
     */
    static Object[] insert(Job job) {
        JobRecord row = JobMapper.toRecord(job);
        Object[] values = new Object[row.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(i);
        }
        return values;
    }

    static Object[] update(Job job) {
        return versioned(job, job.version());
    }

    /** The update of a job whose stored version is {@code expectedVersion}. */
    static Object[] update(Job job, long expectedVersion) {
        return versioned(job, expectedVersion);
    }

    static Object[] startIfIdle(Job started) {
        return versioned(started, started.version());
    }

    static Object[] progress(TenantId tenant, JobId id, WorkerId worker, ProgressUpdate update) {
        return PROGRESS.values(name -> switch (name) {
            case "running_units_done" -> update.unitsDone();
            case "running_units_total" -> update.unitsTotal();
            case "running_cost_usd" -> update.stepCostUsd();
            case "progress" -> (short) update.progress();
            case "cost_usd" -> update.jobCostUsd();
            case "estimated_completion_at" -> update.estimatedCompletionAt().map(JobMapper::time).orElse(null);
            case "running_pace_units" -> JobMapper.unitPaceColumn(update.unitPace(), 0);
            case "running_pace_log_sum" -> JobMapper.unitPaceColumn(update.unitPace(), 1);
            case "running_pace_log_squares" -> JobMapper.unitPaceColumn(update.unitPace(), 2);
            case "running_pace_at" -> JobMapper.unitPaceColumn(update.unitPace(), 3);
            case "id" -> id.value();
            case "tenant" -> tenant.value();
            case WORKER -> worker.value();
            case "running_step" -> update.stepName();
            default -> throw new IllegalStateException("no value for parameter " + name);
        });
    }

    private static Object[] versioned(Job job, long expectedVersion) {
        Object[] values = new Object[VERSIONED.size() + JobMapper.MUTABLE.size()];
        values[0] = job.id().value();
        values[1] = job.tenant().value();
        values[2] = expectedVersion;
        JobMapper.writeMutable(job, values, VERSIONED.size());
        return values;
    }

    private static List<String> versionedParameters() {
        List<String> names = new ArrayList<>(VERSIONED.keySet());
        JobMapper.MUTABLE.forEach(field -> names.add(field.getName()));
        return names;
    }

    /** Key and condition columns by parameter name, in order. */
    @SafeVarargs
    private static Map<String, Field<?>> keys(Map.Entry<String, Field<?>>... entries) {
        Map<String, Field<?>> keys = new LinkedHashMap<>();
        for (Map.Entry<String, Field<?>> entry : entries) {
            keys.put(entry.getKey(), entry.getValue());
        }
        return keys;
    }
}
