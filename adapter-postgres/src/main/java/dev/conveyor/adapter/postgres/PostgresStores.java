package dev.conveyor.adapter.postgres;

import dev.conveyor.port.out.AuditHook;
import dev.conveyor.port.out.AuditTrail;
import dev.conveyor.port.out.EngineEvents;
import dev.conveyor.port.out.JobStore;
import dev.conveyor.port.out.NotificationOutbox;
import dev.conveyor.port.out.StepTimings;

import java.time.Clock;

/**
 * Conveyor's outbound ports on PostgreSQL, sharing one connection pool. {@link #connect(PostgresConfig)}
 * migrates the schema first, so a fresh database works at once; close it to release the pool. Engines that
 * share the database hear of each other's queued work through {@link #onWorkQueued(Runnable)}.
 *
 * <pre>{@code
 * try (PostgresStores postgres = PostgresStores.connect(PostgresConfig.fromEnvironment(System.getenv()))) {
 *     JobStore jobs = postgres.jobStore();
 * }
 * }</pre>
 *
 * <p>Waking a worker engine's idle workers when any process queues work in the schema:
 * <pre>{@code
 * Conveyor.builder().store(postgres.jobStore()).wakeUpOn(postgres::onWorkQueued)...start();
 * }</pre>
 */
public final class PostgresStores implements AutoCloseable {

    private final Database database;
    private final GroupCommitWriter writer;
    private final JobReads reads;
    private final StoreCounters counters = new StoreCounters();
    private final JobStore jobStore;
    private final StepTimings stepTimings;
    private final PostgresAuditLog auditLog;
    private final NotificationOutbox outbox;
    private final WorkListener listener;

    private PostgresStores(PostgresConfig config) {
        // Started before anything touches jOOQ, whose first use loads hundreds of classes: the two overlap.
        this.database = Database.open(config, SchemaMigration.start(config));
        this.writer = new GroupCommitWriter(database, config.writers(), counters);
        this.reads = new JobReads(database, counters);
        this.jobStore = new PostgresJobStore(database, writer, reads, counters);
        this.stepTimings = new PostgresStepTimings(database, Clock.systemUTC());
        this.auditLog = new PostgresAuditLog(database, counters, jobStore);
        this.outbox = new PostgresNotificationOutbox(database, jobStore);
        this.listener = WorkListener.of(config);
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

    /**
     * Reads the {@code audit_event} table back, one job's events a page at a time: the trail of every process
     * sharing the schema ({@code Conveyor.builder().auditTrail(postgres.auditTrail())}).
     */
    public AuditTrail auditTrail() {
        return auditLog;
    }

    /**
     * The notification outbox and delivery log. The job store writes it with the audit log ({@link #auditLog()}):
     * a transition's news is in the outbox exactly when the transition committed, whichever process made it.
     */
    public NotificationOutbox notificationOutbox() {
        return outbox;
    }

    /**
     * Calls {@code callback} soon after any process queues a job in this schema (PostgreSQL's LISTEN/NOTIFY),
     * and whenever the notifications may have been missed (at start, after a lost connection). Calls may be
     * spurious. The first registration opens one more connection, outside the pool, that listens until
     * {@link #close()}; a callback runs on that connection's thread, so it should only hand the news on.
     */
    public Registration onWorkQueued(Runnable callback) {
        return listener.register(callback);
    }

    /** A callback's registration: closing it stops the calls; closing it again does nothing. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Tells every commit of these stores (how many row writes it carried, how long it took) to {@code events}, such
     * as a metrics adapter; nobody by default.
     */
    public void reportTo(EngineEvents events) {
        counters.reportTo(events);
    }

    /**
     * Publishes the connection pool's meters (connections active, idle, pending; acquire, usage and creation times)
     * to {@code meterRegistry}, a Micrometer {@code MeterRegistry} (or a Dropwizard {@code MetricRegistry}): HikariCP
     * names and fills them itself. Once per stores.
     *
     * @throws IllegalArgumentException when it is neither kind of registry
     * @throws IllegalStateException    when a registry was given already
     */
    public void publishPoolMetricsTo(Object meterRegistry) {
        database.publishPoolMetricsTo(meterRegistry);
    }

    /** What these stores have sent to PostgreSQL so far; see {@link StoreStatistics#since}. */
    public StoreStatistics statistics() {
        return counters.snapshot();
    }

    StoreCounters counters() {
        return counters;
    }

    long retriesAfterUnknownOutcome() {
        return database.retriesAfterUnknownOutcome();
    }

    /** Whether the circuit breaker lets calls through to the database now. */
    boolean available() {
        return database.available();
    }

    int waitingWrites() {
        return writer.waiting();
    }

    int waitingReads() {
        return reads.waiting();
    }

    /** Stops listening for queued work, which ends every {@link Registration}, and closes the pool. */
    @Override
    public void close() {
        listener.close();
        database.close();
    }
}
