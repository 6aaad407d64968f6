package dev.conveyor.adapter.postgres;

import dev.conveyor.core.Conveyor;
import dev.conveyor.model.WorkerId;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A worker process on PostgreSQL, as {@code conveyor worker} runs one: an engine with the audit log on that claims
 * and runs jobs until the process is killed. Its arguments: schema, step run log, worker name, worker threads.
 */
public final class WorkerProcess {

    /** How long a killed worker's jobs stay leased before another worker may take them. */
    static final Duration LEASE = Duration.ofSeconds(2);

    private WorkerProcess() {
    }

    public static void main(String[] args) throws Exception {
        PostgresStores stores = PostgresStores.connect(TestDatabase.forSchema(args[0]));
        Conveyor.builder().store(stores.jobStore()).timings(stores.stepTimings())
                .pipeline(StepRunLog.pipeline(Path.of(args[1]), args[2])).workers(Integer.parseInt(args[3]))
                .workerId(new WorkerId(args[2])).leaseLength(LEASE).pollInterval(Duration.ofMillis(50))
                .wakeUpOn(stores::onWorkQueued).audit(stores.auditLog()).start();
        Thread.currentThread().join();
    }
}
