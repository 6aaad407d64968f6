package dev.conveyor.adapter.postgres;

import dev.conveyor.port.out.AuditHook;
import dev.conveyor.port.out.JobStore;
import dev.conveyor.port.out.StepTimings;

import java.time.Clock;

/**
 * Conveyor's outbound ports on PostgreSQL, sharing one connection pool. {@link #connect(PostgresConfig)}
 * migrates the schema first, so a fresh database works at once; close it to release the pool.
 *
 * <pre>{@code
 * try (PostgresStores postgres = PostgresStores.connect(PostgresConfig.fromEnvironment(System.getenv()))) {
 *     JobStore jobs = postgres.jobStore();
 * }
 * }</pre>
 */
public final class PostgresStores implements AutoCloseable {

    /** Read rounds at once when a crowd of reads waits: enough to keep both PostgreSQL and the JVM busy. */
    private static final int READS_IN_FLIGHT = 4;

    private final Database database;
    private final GroupCommitWriter writer;
    private final JobReads reads;
    private final StoreCounters counters = new StoreCounters();
    private final JobStore jobStore;
    private final StepTimings stepTimings;
    private final AuditHook auditLog;

    private PostgresStores(PostgresConfig config) {
        this.database = Database.open(config);
        this.writer = new GroupCommitWriter(database, config.writers(), counters);
        this.reads = new JobReads(database, READS_IN_FLIGHT, counters);
        this.jobStore = new PostgresJobStore(database, writer, reads, counters);
        this.stepTimings = new PostgresStepTimings(database, Clock.systemUTC());
        this.auditLog = new PostgresAuditLog(database);
    }

    /**
     * Opens the pool and migrates the schema.
     *
     * @throws PostgresUnavailableException when the database cannot be reached
     */
    public static PostgresStores connect(PostgresConfig config) {
        return new PostgresStores(config);
    }

    public JobStore jobStore() {
        return jobStore;
    }

    public StepTimings stepTimings() {
        return stepTimings;
    }

    /** An audit hook that keeps every event in the {@code audit_event} table. */
    public AuditHook auditLog() {
        return auditLog;
    }

    StoreCounters counters() {
        return counters;
    }

    int waitingWrites() {
        return writer.waiting();
    }

    int waitingReads() {
        return reads.waiting();
    }

    @Override
    public void close() {
        database.close();
    }
}
