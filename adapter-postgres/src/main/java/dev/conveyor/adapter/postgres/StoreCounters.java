package dev.conveyor.adapter.postgres;

import dev.conveyor.port.out.EngineEvents;

import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the store sent to PostgreSQL: group commits, the time they took and the writes they carried, the write
 * statements (a statement per kind of write and group commit, claims and audit inserts included), claim
 * statements and the jobs they took, progress writes, read rounds and the reads they answered. For benchmarks and
 * operators; counting costs a few nanoseconds per call.
 */
final class StoreCounters {

    private final LongAdder commits = new LongAdder();
    private final LongAdder commitNanos = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder statements = new LongAdder();
    private final LongAdder claimStatements = new LongAdder();
    private final LongAdder claimedJobs = new LongAdder();
    private final LongAdder progressWrites = new LongAdder();
    private final LongAdder readRounds = new LongAdder();
    private final LongAdder reads = new LongAdder();
    private volatile EngineEvents events = EngineEvents.NONE;

    /** Tells every commit, with its size and latency, to {@code listener} too (a metrics adapter). */
    void reportTo(EngineEvents listener) {
        this.events = Objects.requireNonNull(listener, "events must not be null");
    }

    /** A commit of {@code writesInCommit} row writes, sent since {@code startedNanos} ({@link System#nanoTime}). */
    void committed(int writesInCommit, long startedNanos) {
        long took = System.nanoTime() - startedNanos;
        commits.increment();
        commitNanos.add(took);
        writes.add(writesInCommit);
        events.storeCommitted(writesInCommit, took);
    }

    /** Statements that write: each transition, insert, progress or audit statement, however many rows it carries. */
    void sent(int writeStatements) {
        statements.add(writeStatements);
    }

    void claimed(int jobs) {
        statements.increment();
        claimStatements.increment();
        claimedJobs.add(jobs);
    }

    void progressWritten() {
        progressWrites.increment();
    }

    void readRound(int readsInRound) {
        readRounds.increment();
        reads.add(readsInRound);
    }

    StoreStatistics snapshot() {
        return new StoreStatistics(commits(), commitNanos.sum(), writes(), statements(), claimStatements(),
                claimedJobs(), progressWrites(), readRounds(), reads());
    }

    long readRounds() {
        return readRounds.sum();
    }

    long reads() {
        return reads.sum();
    }

    long commits() {
        return commits.sum();
    }

    long writes() {
        return writes.sum();
    }

    long statements() {
        return statements.sum();
    }

    long claimStatements() {
        return claimStatements.sum();
    }

    long claimedJobs() {
        return claimedJobs.sum();
    }

    long progressWrites() {
        return progressWrites.sum();
    }
}
