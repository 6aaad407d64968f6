package dev.conveyor.adapter.postgres;

import org.flywaydb.core.Flyway;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Flyway's migration of Conveyor's schema to the latest version (creating it when missing), started on a thread and
 * a connection of its own so that the pool and jOOQ come up meanwhile: both are mostly class loading and round
 * trips, and the stores are handed out only once the migration has succeeded. The migration's connection has no
 * statement timeout: building an index may take longer than a call may.
 */
final class SchemaMigration {

    private final PostgresConfig config;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private SchemaMigration(PostgresConfig config) {
        this.config = config;
    }

    static SchemaMigration start(PostgresConfig config) {
        SchemaMigration migration = new SchemaMigration(config);
        Thread.ofPlatform().daemon().name("conveyor-postgres-migrate").start(migration::run);
        return migration;
    }

    private void run() {
        try {
            Flyway.configure()
                    .dataSource(config.jdbcUrl(), config.user().orElse(null), config.password().orElse(null))
                    .connectRetries(0)
                    .schemas(config.schema())
                    .locations("classpath:db/conveyor")
                    .table("conveyor_schema_history")
                    .load()
                    .migrate();
            done.complete(null);
        } catch (Throwable e) {
            done.completeExceptionally(e);
        }
    }

    /**
     * Waits for the migration to end.
     *
     * @throws IllegalStateException when it failed: the schema could not be brought to the latest version
     */
    void await() {
        try {
            done.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("could not migrate schema '" + config.schema() + "' at "
                    + config.safeUrl() + ": " + cause.getMessage(), cause);
        }
    }
}
