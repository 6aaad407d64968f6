package dev.conveyor.adapter.postgres;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.conveyor.adapter.postgres.schema.tables.records.JobRecord;
import dev.conveyor.model.Job;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.JSONB;

import java.util.Objects;
import java.util.UUID;

import static dev.conveyor.adapter.postgres.schema.tables.Job.JOB;

/**
 * The job a row holds. Turning a row into a job (its JSON parsed, its times read) costs more than reading it,
 * and a polled job's row is mostly unchanged since the last poll: the last row read of each job is remembered
 * with its job, and a row equal to it, column by column, gets that same job back.
 *
 * <p>Bounded by the rows' JSON text, about {@value #MAX_REMEMBERED_CHARS} characters in all (some 15,000 jobs
 * of 2 kB), evicting the jobs polled least (Caffeine's W-TinyLFU): with more jobs polled than fit, most polls
 * still find theirs, rather than all of them missing after the memory starts afresh.
 */
final class MappedRows {

    /** What all remembered rows' JSON may add up to, in characters. */
    static final long MAX_REMEMBERED_CHARS = 32L * 1024 * 1024;
    /** Rows with more JSON than this (a large input, say) are mapped every time rather than kept. */
    private static final int MAX_ROW_JSON_CHARS = 64 * 1024;
    /** Counted per row besides its JSON: its other columns and the entry itself. */
    private static final int ROW_OVERHEAD_CHARS = 256;

    private static final Field<?>[] COLUMNS = JOB.fields();

    private record Mapped(JobRecord row, Job job, int weight) {
    }

    private final Cache<UUID, Mapped> last;

    MappedRows(long maxChars) {
        this.last = Caffeine.newBuilder()
                .maximumWeight(maxChars)
                .weigher((UUID id, Mapped mapped) -> mapped.weight())
                .executor(Runnable::run)
                .build();
    }

    Job job(JobRecord row) {
        Mapped previous = last.getIfPresent(row.getId());
        if (previous != null && sameValues(previous.row(), row)) {
            return previous.job();
        }
        Job job = JobMapper.toJob(row);
        int weight = weight(row);
        if (weight <= MAX_ROW_JSON_CHARS + ROW_OVERHEAD_CHARS) {
            last.put(row.getId(), new Mapped(row, job, weight));
        }
        return job;
    }

    /** How many jobs are remembered now. */
    long size() {
        last.cleanUp();
        return last.estimatedSize();
    }

    /** What remembering a row costs: its JSON text in characters, and a fixed part for the rest. */
    static int weight(JobRecord row) {
        int chars = ROW_OVERHEAD_CHARS;
        for (int i = 0; i < COLUMNS.length; i++) {
            if (row.get(i) instanceof JSONB json) {
                chars += json.data().length();
            } else if (row.get(i) instanceof JSON json) {
                chars += json.data().length();
            }
        }
        return chars;
    }

    /** Column by column; JSON and JSONB by their text, since {@link JSONB#equals} parses both sides. */
    private static boolean sameValues(JobRecord a, JobRecord b) {
        for (int i = 0; i < COLUMNS.length; i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            if (x instanceof JSONB jx && y instanceof JSONB jy ? !jx.data().equals(jy.data())
                    : x instanceof JSON jx && y instanceof JSON jy ? !jx.data().equals(jy.data())
                    : !Objects.equals(x, y)) {
                return false;
            }
        }
        return true;
    }
}
