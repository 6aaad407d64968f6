package dev.conveyor.bench.peer;

/**
 * What Conveyor's PostgreSQL store sent while a phase drained, as its counters tell: the statements that write
 * (claims, set-based transitions, inserts, progress and audit statements, however many rows each carries), of
 * them the claim statements, the row writes in group commits and the group commits (transactions) that carried
 * them with the time those took (summed, each from sending to committed), progress writes, read rounds; and the
 * audit events the phase added to {@code audit_event}, which travel in the statements of the transitions they
 * record.
 */
record Statements(long writeStatements, long claims, long writes, long commits, long commitNanos,
                  long progressWrites, long readRounds, long auditEvents) {

    /** Every statement sent: those that write, and the read rounds. */
    long total() {
        return writeStatements + readRounds;
    }
}
