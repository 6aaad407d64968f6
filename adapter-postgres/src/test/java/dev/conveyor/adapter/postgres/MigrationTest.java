package dev.conveyor.adapter.postgres;

import dev.conveyor.core.store.JobBuilder;
import dev.conveyor.core.store.JobFixtures;
import dev.conveyor.model.Job;
import org.flywaydb.core.Flyway;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Flyway at start-up: an empty schema is migrated; migrating again, or from two processes at once, is a no-op. */
class MigrationTest {

    /** Every migration, applied once, in order. */
    private static final List<String> LATEST = List.of("1:true", "2:true", "3:true", "4:true", "6:true", "7:true",
            "8:true", "9:true", "10:true", "11:true", "12:true", "13:true", "14:true",
            "15:true");

    private final PostgresConfig config = TestDatabase.freshSchema(MigrationTest.class);

    @AfterEach
    void dropSchema() {
        TestDatabase.closeAndDrop(null, config);
    }

    @Test
    void anEmptySchemaIsCreatedAndMigratedToTheLatestVersion() throws SQLException {
        try (PostgresStores ignored = PostgresStores.connect(config)) {
            assertEquals(List.of("audit_event", "conveyor_schema_history", "eta_accuracy", "job",
                    "notification_delivery", "notification_outbox", "step_timing"), tables());
            assertEquals(LATEST, history());
        }
    }

    @Test
    void migratingAgainChangesNothingAndKeepsTheJobs() throws SQLException {
        Job job = JobBuilder.aJob().build();
        try (PostgresStores first = PostgresStores.connect(config)) {
            first.jobStore().insert(job);
        }

        try (PostgresStores again = PostgresStores.connect(config)) {
            assertEquals(LATEST, history());
            assertEquals(Optional.of(job), again.jobStore().find(job.tenant(), job.id()));
        }
    }

    @Test
    void aJobStoredWhileItsStepsWereJsonbReadsTheSameOnceTheyAreJson() throws SQLException {
        Flyway.configure().dataSource(config.jdbcUrl(), config.user().orElse(null), config.password().orElse(null))
                .schemas(config.schema())
                .locations("classpath:db/conveyor").table("conveyor_schema_history").target("12").load().migrate();
        Job job = JobFixtures.withEveryFieldSet(JobBuilder.aJob());
        try (Connection connection = TestDatabase.open()) {
            connection.createStatement().execute("SET search_path TO " + config.schema());
            assertEquals(1, DSL.using(connection, SQLDialect.POSTGRES).executeInsert(JobMapper.toRecord(job)));
            assertEquals(List.of("jsonb"), strings("SELECT data_type FROM information_schema.columns WHERE "
                    + "table_schema = '" + config.schema() + "' AND table_name = 'job' AND column_name = "
                    + "'pipeline_steps'"));
        }

        try (PostgresStores migrated = PostgresStores.connect(config)) {
            assertEquals(LATEST, history());
            assertEquals(List.of("json"), strings("SELECT data_type FROM information_schema.columns WHERE "
                    + "table_schema = '" + config.schema() + "' AND table_name = 'job' AND column_name = "
                    + "'pipeline_steps'"));
            assertEquals(Optional.of(job), migrated.jobStore().find(job.tenant(), job.id()));
            List<String> compression = strings("SELECT coalesce(nullif(attcompression, ''), 'default') FROM "
                    + "pg_attribute WHERE attrelid = '" + config.schema() + ".job'::regclass AND attname IN "
                    + "('input', 'pipeline_steps')");
            assertEquals(compression.get(0), compression.get(1), "the steps keep the other JSON's compression");
        }
    }

    @Test
    void twoProcessesStartingTogetherMigrateOnce() throws Exception {
        ExecutorService starters = Executors.newFixedThreadPool(2);
        List<Future<PostgresStores>> started = new ArrayList<>();
        try {
            Callable<PostgresStores> connect = () -> PostgresStores.connect(config);
            started.add(starters.submit(connect));
            started.add(starters.submit(connect));
            for (Future<PostgresStores> stores : started) {
                stores.get().close();
            }
        } finally {
            starters.shutdownNow();
        }

        assertEquals(LATEST, history());
    }

    private List<String> tables() throws SQLException {
        return strings("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + config.schema()
                + "' ORDER BY table_name");
    }

    private List<String> history() throws SQLException {
        return strings("SELECT version || ':' || success FROM " + config.schema()
                + ".conveyor_schema_history WHERE version IS NOT NULL ORDER BY installed_rank");
    }

    private static List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = TestDatabase.open(); ResultSet rows = connection.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
