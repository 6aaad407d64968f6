package dev.conveyor.adapter.postgres;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store's own counters, as benchmarks and operators read them: snapshots, and what was sent between two. */
class StoreCountersTest {

    private final StoreCounters counters = new StoreCounters();

    @Test
    void aGroupCommitCountsItsWritesAndTheTimeFromSendingToCommitted() {
        long sent = System.nanoTime() - 3_000_000; // sent 3 ms ago

        counters.committed(5, sent);

        StoreStatistics statistics = counters.snapshot();
        assertEquals(1, statistics.commits());
        assertEquals(5, statistics.writes());
        assertTrue(statistics.commitNanos() >= 3_000_000, "commit time " + statistics.commitNanos());
    }

    @Test
    void theDifferenceOfTwoSnapshotsIsWhatWasSentInBetween() {
        counters.committed(2, System.nanoTime() - 1_000_000);
        counters.sent(1);
        counters.claimed(4);
        StoreStatistics before = counters.snapshot();

        counters.committed(7, System.nanoTime() - 2_000_000);
        counters.sent(2);
        counters.claimed(3);
        counters.progressWritten();
        counters.readRound(6);
        StoreStatistics between = counters.snapshot().since(before);

        assertEquals(1, between.commits());
        assertTrue(between.commitNanos() >= 2_000_000, "commit time " + between.commitNanos());
        assertTrue(between.commitNanos() < counters.snapshot().commitNanos(), "only the second commit's time");
        assertEquals(7, between.writes());
        assertEquals(3, between.statements(), "two write statements and a claim");
        assertEquals(1, between.claimStatements());
        assertEquals(3, between.claimedJobs());
        assertEquals(1, between.progressWrites());
        assertEquals(1, between.readRounds());
        assertEquals(6, between.reads());
    }
}
