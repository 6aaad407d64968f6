package dev.conveyor.adapter.postgres;

import dev.conveyor.testing.postgres.TestPostgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real PostgreSQL the tests run against ({@link TestPostgres}: {@code CONVEYOR_TEST_DB_URL}, else the local
 * one, else an embedded one), and a
 * fresh schema per test class so classes can run in parallel and leave nothing behind. Never skips: when the
 * database is down the test fails and says how to start it.
 */
final class TestDatabase {

    private static final TestPostgres.Server SERVER = TestPostgres.server();
    static final String URL = SERVER.url();
    static final String USER = SERVER.user();
    static final String PASSWORD = SERVER.password();

    private TestDatabase() {
    }

    /** A configuration for a schema of its own, named after the test class; fails if PostgreSQL is down. */
    static PostgresConfig freshSchema(Class<?> testClass) {
        requireReachable();
        String schema = ("t_" + testClass.getSimpleName() + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT);
        PostgresConfig config = PostgresConfig.of(URL).withUser(USER).withSchema(schema);
        return PASSWORD.isEmpty() ? config : config.withPassword(PASSWORD);
    }

    /** Closes the stores (when they were opened) and drops the test's schema. */
    static void closeAndDrop(PostgresStores stores, PostgresConfig config) {
        if (stores != null) {
            stores.close();
        }
        if (config != null) {
            execute("DROP SCHEMA IF EXISTS " + config.schema() + " CASCADE");
        }
    }

    static void execute(String sql) {
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run '" + sql + "': " + e.getMessage(), e);
        }
    }

    static Connection open() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    /** A condition a test waits for; may touch the database. */
    interface Check {
        boolean holds() throws Exception;
    }

    /** Waits up to 10 s for {@code check}, failing with {@code what} if it never holds. */
    static void awaitTrue(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what);
            }
            Thread.sleep(5);
        }
    }

    /** Waits until some other session is blocked by a lock that {@code holder}'s open transaction holds. */
    static void awaitSessionBlockedBy(Connection holder, String what) throws Exception {
        int pid;
        try (Statement s = holder.createStatement(); ResultSet rows = s.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            pid = rows.getInt(1);
        }
        awaitTrue(() -> {
            try (Connection c = open(); Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE " + pid
                         + " = ANY(pg_blocking_pids(pid))")) {
                rows.next();
                return rows.getInt(1) > 0;
            }
        }, what);
    }

    private static void requireReachable() {
        DriverManager.setLoginTimeout(5);
        try (Connection ignored = open()) {
            // reachable
        } catch (SQLException e) {
            fail("PostgreSQL is not reachable at " + URL + " as " + USER + ", " + SERVER.origin() + " ("
                    + e.getMessage() + "). Start it with "
                    + "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, "
                    + "or point CONVEYOR_TEST_DB_URL at a running one. These tests never skip.", e);
        }
    }
}
