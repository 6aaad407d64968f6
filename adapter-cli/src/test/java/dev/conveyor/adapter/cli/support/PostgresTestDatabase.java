package dev.conveyor.adapter.cli.support;

import dev.conveyor.testing.postgres.TestPostgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real PostgreSQL the CLI's database tests run against ({@link TestPostgres}: {@code CONVEYOR_TEST_DB_URL},
 * else the local one, else an embedded one), with a fresh schema per test class. Never skips: a database that is down fails
 * the test and says so.
 */
public final class PostgresTestDatabase {

    private static final TestPostgres.Server SERVER = TestPostgres.server();
    public static final String URL = SERVER.url();
    private static final String USER = SERVER.user();
    private static final String PASSWORD = SERVER.password();

    public final String schema;

    private PostgresTestDatabase(String schema) {
        this.schema = schema;
    }

    /** A schema of its own for the test class; fails at once when PostgreSQL cannot be reached. */
    public static PostgresTestDatabase freshSchema(Class<?> testClass) {
        DriverManager.setLoginTimeout(5);
        try (Connection ignored = DriverManager.getConnection(URL, USER, PASSWORD)) {
            // reachable
        } catch (SQLException e) {
            fail("PostgreSQL is not reachable at " + URL + " as " + USER + " (" + e.getMessage() + "). Start it, or "
                    + "point CONVEYOR_TEST_DB_URL at a running one. These tests never skip.", e);
        }
        return new PostgresTestDatabase(("cli_" + testClass.getSimpleName() + "_"
                + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT));
    }

    /** The environment that points conveyor at this schema, as a user would set it. */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("CONVEYOR_DB_USER", USER);
        env.put("CONVEYOR_DB_SCHEMA", schema);
        if (!PASSWORD.isEmpty()) {
            env.put("CONVEYOR_DB_PASSWORD", PASSWORD);
        }
        return env;
    }

    /** Sessions connected to the test database under {@code applicationName}, as pg_stat_activity shows them. */
    public long sessionsNamed(String applicationName) {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
             PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity "
                     + "WHERE datname = current_database() AND application_name = ?")) {
            count.setString(1, applicationName);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count sessions: " + e.getMessage(), e);
        }
    }

    public void drop() {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop schema " + schema + ": " + e.getMessage(), e);
        }
    }
}
