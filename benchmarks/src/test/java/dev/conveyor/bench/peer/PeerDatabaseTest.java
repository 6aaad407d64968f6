package dev.conveyor.bench.peer;

import dev.conveyor.testing.postgres.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A phase's PostgreSQL CPU counts the server processes of exactly its own sessions: its pool's and Conveyor's
 * listener's, not another schema's whose name merely ends alike.
 */
class PeerDatabaseTest {

    private static final TestPostgres.Server SERVER = TestPostgres.server();

    @Test
    void theSessionsOfASchemaAreItsPoolsAndItsListenersOnly() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("peer.url", SERVER.url());
        properties.setProperty("peer.user", SERVER.user());
        properties.setProperty("peer.password", SERVER.password());
        PeerDatabase database = new PeerDatabase(PeerConfig.from(properties));
        String schema = "peer_sessions_test";

        try (Connection pool = connect("conveyor-" + schema);
             Connection listener = connect("conveyor-listener " + schema);
             Connection other = connect("conveyor-x" + schema);
             Connection alike = connect("conveyor-peer_sessions_tesT")) {
            assertEquals(Set.of(pid(pool), pid(listener)), database.backends(schema));
        }
    }

    private static Connection connect(String applicationName) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SERVER.user());
        properties.setProperty("password", SERVER.password());
        properties.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(SERVER.url(), properties);
    }

    private static int pid(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet row = s.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            return row.getInt(1);
        }
    }
}
