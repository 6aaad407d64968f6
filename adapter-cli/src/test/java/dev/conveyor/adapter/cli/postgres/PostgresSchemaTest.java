package dev.conveyor.adapter.cli.postgres;

import dev.conveyor.adapter.cli.ConveyorMain;
import dev.conveyor.adapter.cli.support.CliHarness;
import dev.conveyor.adapter.cli.support.PostgresTestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schema a run finds: one an older release left is brought up to date before any job is written; one whose
 * applied migrations are not this release's (changed after they ran, or unknown to it) is refused with a one-line
 * error and nothing is run.
 */
class PostgresSchemaTest {

    private final PostgresTestDatabase database = PostgresTestDatabase.freshSchema(PostgresSchemaTest.class);

    @TempDir
    Path dir;

    @AfterEach
    void dropSchema() {
        database.drop();
    }

    @Test
    void aSchemaAnOlderReleaseLeftIsMigratedBeforeTheRun() throws SQLException {
        migrateTo("12");

        CliHarness.Result run = cli().stdin("one\ntwo\n").run("run", "demo", "-", "--set", "time_scale=0", "--db",
                PostgresTestDatabase.URL);

        assertEquals(0, run.exit(), run.toString());
        List<String> versions = strings("SELECT version FROM " + database.schema + ".conveyor_schema_history WHERE "
                + "version IS NOT NULL ORDER BY installed_rank");
        assertEquals(List.of("1", "2", "3", "4", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15"), versions);
        assertEquals(List.of("2"), strings("SELECT count(*) FROM " + database.schema + ".job WHERE status = 'COMPLETED'"));
    }

    @Test
    void aSchemaWhoseAppliedMigrationWasChangedIsRefused() throws SQLException {
        migrateTo("15");
        execute("UPDATE " + database.schema + ".conveyor_schema_history SET checksum = checksum + 1 WHERE version = '13'");

        CliHarness.Result run = cli().stdin("one\n").run("run", "demo", "-", "--set", "time_scale=0", "--db",
                PostgresTestDatabase.URL);

        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().startsWith("conveyor: could not migrate schema '" + database.schema + "'"), run.toString());
        assertTrue(run.err().contains("Validate failed"), run.toString());
        assertEquals(1, run.err().strip().lines().count(), run.toString());
        assertEquals(List.of("0"), strings("SELECT count(*) FROM " + database.schema + ".job"));
    }

    @Test
    void aSchemaWithAMigrationThisReleaseDoesNotKnowIsRefused() throws SQLException {
        migrateTo("15");
        execute("INSERT INTO " + database.schema + ".conveyor_schema_history (installed_rank, version, description, "
                + "type, script, checksum, installed_by, execution_time, success) SELECT max(installed_rank) + 1, "
                + "'5', 'from another branch', 'SQL', 'V5__from_another_branch.sql', 42, current_user, 1, true FROM "
                + database.schema + ".conveyor_schema_history");

        CliHarness.Result run = cli().stdin("one\n").run("run", "demo", "-", "--set", "time_scale=0", "--db",
                PostgresTestDatabase.URL);

        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().contains("Validate failed"), run.toString());
        assertEquals(List.of("0"), strings("SELECT count(*) FROM " + database.schema + ".job"));
    }

    private CliHarness cli() {
        return new CliHarness(dir).builtInsOnClassPath()
                .databases(url -> ConveyorMain.postgres(url, database.env()));
    }

    /** The schema as a release whose latest migration was {@code version} left it. */
    private void migrateTo(String version) {
        Flyway.configure().dataSource(PostgresTestDatabase.URL, database.env().get("CONVEYOR_DB_USER"),
                        database.env().get("CONVEYOR_DB_PASSWORD"))
                .schemas(database.schema).locations("classpath:db/conveyor").table("conveyor_schema_history")
                .target(version).load().migrate();
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(PostgresTestDatabase.URL, database.env().get("CONVEYOR_DB_USER"),
                database.env().get("CONVEYOR_DB_PASSWORD"));
    }
}
