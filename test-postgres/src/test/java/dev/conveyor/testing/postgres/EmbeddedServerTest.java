package dev.conveyor.testing.postgres;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** With no URL and nothing on the local address, the tests get a real PostgreSQL that answers SQL. */
class EmbeddedServerTest {

    @Test
    void nothingListeningLocallyStartsARealPostgresqlThatRunsSql() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        TestPostgres.Server server = TestPostgres.resolve(Map.of("CONVEYOR_TEST_DB_LOCAL", "127.0.0.1:" + closed),
                TestPostgres::startEmbedded);

        assertTrue(server.origin().startsWith("an embedded PostgreSQL"), server.origin());
        try (Connection connection = DriverManager.getConnection(server.url(), server.user(), server.password());
             Statement statement = connection.createStatement();
             ResultSet version = statement.executeQuery("SELECT current_setting('server_version_num')::int")) {
            version.next();
            assertTrue(version.getInt(1) >= 140000, "a PostgreSQL 14 or newer, got " + version.getInt(1));
        }
    }
}
