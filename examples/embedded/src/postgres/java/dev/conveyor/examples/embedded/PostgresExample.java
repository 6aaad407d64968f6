package dev.conveyor.examples.embedded;

import dev.conveyor.adapter.postgres.PostgresConfig;
import dev.conveyor.adapter.postgres.PostgresStores;
import dev.conveyor.core.Conveyor;

/**
 * The engine on PostgreSQL: jobs survive the process and many processes share the queue. The database comes
 * from CONVEYOR_DB_URL (with CONVEYOR_DB_USER, CONVEYOR_DB_PASSWORD and CONVEYOR_DB_SCHEMA); Flyway creates
 * Conveyor's tables in that schema at start-up.
 */
public final class PostgresExample {

    private PostgresExample() {
    }

    public static void main(String[] args) throws InterruptedException {
        int exit;
        try (PostgresStores stores = PostgresStores.connect(PostgresConfig.fromEnvironment(System.getenv()))) {
            var builder = Conveyor.builder()
                    .pipeline(WordReport.pipeline(ExampleRun.PER_WORD))
                    .store(stores.jobStore())
                    .timings(stores.stepTimings())
                    .audit(stores.auditLog())
                    .workers(2)
                    .wakeUpOn(stores::onWorkQueued); // idle workers wake at once on NOTIFY, not at their next poll
            try (Conveyor conveyor = builder.start()) {
                exit = ExampleRun.run(conveyor, "PostgreSQL");
            }
        }
        System.exit(exit);
    }
}
