package dev.conveyor.adapter.postgres;

import dev.conveyor.adapter.postgres.schema.tables.records.JobRecord;
import dev.conveyor.core.store.JobBuilder;
import dev.conveyor.model.Job;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A row read again unchanged gives back the job mapped the first time; the memory stays within its bound. */
class MappedRowsTest {

    private static List<JobRecord> rows(int jobs) {
        return IntStream.range(0, jobs).mapToObj(i -> JobMapper.toRecord(JobBuilder.aJob().build())).toList();
    }

    @Test
    void anUnchangedRowGivesTheSameJobAndAChangedOneIsMappedAfresh() {
        MappedRows mapped = new MappedRows(MappedRows.MAX_REMEMBERED_CHARS);
        Job job = JobBuilder.aJob().build();

        Job first = mapped.job(JobMapper.toRecord(job));
        Job again = mapped.job(JobMapper.toRecord(job));
        Job changed = mapped.job(JobMapper.toRecord(job.toBuilder().progress(40).build()));

        assertEquals(job, first);
        assertSame(first, again);
        assertNotSame(first, changed);
        assertEquals(40, changed.progress());
    }

    @Test
    void tenThousandPolledJobsAreAllRememberedWhereTheOldMemoryForgotEverythingPast4096() {
        MappedRows mapped = new MappedRows(MappedRows.MAX_REMEMBERED_CHARS);
        List<JobRecord> rows = rows(10_000);
        List<Job> firstRound = rows.stream().map(mapped::job).toList();

        for (int i = 0; i < rows.size(); i++) {
            assertSame(firstRound.get(i), mapped.job(rows.get(i)), "poll " + i + " of the second round");
        }
    }

    @Test
    void withMoreJobsThanFitManyPollsStillFindTheirsAndTheMemoryStaysBounded() {
        List<JobRecord> rows = rows(2_000);
        long oneRow = MappedRows.weight(rows.getFirst());
        MappedRows mapped = new MappedRows(1_000 * oneRow);

        for (int round = 0; round < 5; round++) {
            rows.forEach(mapped::job);
        }
        List<Job> before = rows.stream().map(mapped::job).toList();
        long hits = IntStream.range(0, rows.size()).filter(i -> mapped.job(rows.get(i)) == before.get(i)).count();

        assertTrue(mapped.size() <= 1_000, "bounded: " + mapped.size());
        // Caffeine's admission is randomised: over 500 runs here the hits ranged from 729 to 928 of 2,000, never
        // more than the 1,000 that fit. The memory this replaced was cleared when full and would hit none.
        assertTrue(hits >= 500, "jobs polled in turn, twice as many as fit, still hit: " + hits + " of 2000");
    }
}
