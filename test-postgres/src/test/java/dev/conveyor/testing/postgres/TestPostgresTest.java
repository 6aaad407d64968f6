package dev.conveyor.testing.postgres;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestPostgresTest {

    private static final TestPostgres.Server EMBEDDED =
            new TestPostgres.Server("jdbc:postgresql://localhost:1234/postgres", "postgres", "", "embedded");

    private final AtomicInteger starts = new AtomicInteger();
    private final TestPostgres.Embedded embedded = () -> {
        starts.incrementAndGet();
        return EMBEDDED;
    };

    @Test
    void aUrlFromTheEnvironmentIsUsedAsItIsAndNothingStarts() {
        TestPostgres.Server server = TestPostgres.resolve(Map.of("CONVEYOR_TEST_DB_URL", " jdbc:postgresql://db:5432/ci ",
                "CONVEYOR_TEST_DB_USER", "ci", "CONVEYOR_TEST_DB_PASSWORD", "secret"), embedded);

        assertEquals(new TestPostgres.Server("jdbc:postgresql://db:5432/ci", "ci", "secret", "CONVEYOR_TEST_DB_URL"), server);
        assertEquals(0, starts.get());
    }

    @Test
    void withoutAUrlALocalServerThatAnswersIsUsed() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String local = "127.0.0.1:" + listening.getLocalPort();

            TestPostgres.Server server = TestPostgres.resolve(Map.of("CONVEYOR_TEST_DB_LOCAL", local), embedded);

            assertEquals("jdbc:postgresql://" + local + "/test", server.url());
            assertEquals("postgres", server.user());
            assertEquals(0, starts.get());
        }
    }

    @Test
    void withoutAUrlAndWithNothingListeningTheEmbeddedServerStarts() throws Exception {
        String closed = "127.0.0.1:" + closedPort();

        TestPostgres.Server server = TestPostgres.resolve(Map.of("CONVEYOR_TEST_DB_LOCAL", closed), embedded);

        assertEquals(EMBEDDED, server);
        assertEquals(1, starts.get());
    }

    @Test
    void aMalformedLocalAddressIsAClearError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TestPostgres.resolve(Map.of("CONVEYOR_TEST_DB_LOCAL", "localhost"), embedded));

        assertEquals("CONVEYOR_TEST_DB_LOCAL must be host:port, got 'localhost'", error.getMessage());
    }

    @Test
    void answersTellsAnOpenPortFromAClosedOne() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertTrue(TestPostgres.answers("127.0.0.1:" + listening.getLocalPort()));
        }
        assertFalse(TestPostgres.answers("127.0.0.1:" + closedPort()));
    }

    /** A port nothing listens on: one the system just handed out and that was closed again. */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
