package dev.conveyor.bench.peer;

/**
 * What Conveyor's PostgreSQL store sent while a phase drained, as its counters tell: claim statements, row writes
 * in group commits, the group commits (transactions) that carried them, progress writes, read rounds; and the
 * audit events the phase added to {@code audit_event}, each written by an insert of its own.
 */
record Statements(long claims, long writes, long commits, long progressWrites, long readRounds, long auditEvents) {

    /** Every statement counted: claims, row writes, progress writes, reads and one insert per audit event. */
    long total() {
        return claims + writes + progressWrites + readRounds + auditEvents;
    }
}
