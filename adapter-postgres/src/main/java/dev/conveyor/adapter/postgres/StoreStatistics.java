package dev.conveyor.adapter.postgres;

/**
 * What the stores have sent to PostgreSQL since they opened, for benchmarks and operators: group commits, the
 * time they took (summed, each from sending its statements to its commit; with one group commit in flight at a
 * time, its share of a stretch of wall time is how busy the store's writer was) and the row writes they carried,
 * the statements that write (claims, transitions, inserts, progress and audit statements, however many rows each
 * carries), claim statements and the jobs they took, progress writes, and read rounds and the reads they
 * answered. The difference of two snapshots is what was sent in between.
 */
public record StoreStatistics(long commits, long commitNanos, long writes, long statements, long claimStatements,
                              long claimedJobs, long progressWrites, long readRounds, long reads) {

    /** What was sent after {@code earlier}, a snapshot of the same stores. */
    public StoreStatistics since(StoreStatistics earlier) {
        return new StoreStatistics(commits - earlier.commits, commitNanos - earlier.commitNanos,
                writes - earlier.writes, statements - earlier.statements,
                claimStatements - earlier.claimStatements, claimedJobs - earlier.claimedJobs,
                progressWrites - earlier.progressWrites, readRounds - earlier.readRounds, reads - earlier.reads);
    }
}
