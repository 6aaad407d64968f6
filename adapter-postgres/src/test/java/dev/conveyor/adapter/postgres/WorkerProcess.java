package dev.conveyor.adapter.postgres;

import dev.conveyor.core.Conveyor;
import dev.conveyor.model.WorkerId;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A worker process on PostgreSQL, as {@code conveyor worker} runs one: an engine with the audit log on that claims
 * and runs jobs until the process is killed. The database comes from {@code CONVEYOR_DB_URL},
 * {@code CONVEYOR_DB_USER}, {@code CONVEYOR_DB_PASSWORD} and {@code CONVEYOR_DB_SCHEMA}; its arguments are the
 * step run log, the worker's name and its worker threads.
 */
public final class WorkerProcess {

    /** How long a killed worker's jobs stay leased before another worker may take them. */
    static final Duration LEASE = Duration.ofSeconds(2);

    private WorkerProcess() {
    }

    public static void main(String[] args) throws Exception {
        PostgresStores stores = PostgresStores.connect(PostgresConfig.fromEnvironment(System.getenv()));
        Conveyor.builder().store(stores.jobStore()).timings(stores.stepTimings())
                .pipeline(StepRunLog.pipeline(Path.of(args[0]), args[1])).workers(Integer.parseInt(args[2]))
                .workerId(new WorkerId(args[1])).leaseLength(LEASE).pollInterval(Duration.ofMillis(50))
                .wakeUpOn(stores::onWorkQueued).audit(stores.auditLog()).start();
        Thread.currentThread().join();
    }
}
