package dev.conveyor.adapter.postgres;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The listener's own life on the real PostgreSQL: how it ends. What it hears is {@link WakeUpOnNotifyTest}'s. */
class WorkListenerTest {

    /** Far longer than any test may take: a close that waited a wait out would show. */
    private static final Duration LONG_WAIT = Duration.ofSeconds(60);

    @Test
    void closingEndsTheListeningSessionAtOnceRatherThanAfterItsWaitForNotifications() throws Exception {
        WorkChannel channel = WorkChannel.of("listener_close_" + System.nanoTime());
        String session = "conveyor-listener-test " + System.nanoTime();
        WorkListener listener = new WorkListener(() -> {
            Connection connection = TestDatabase.open();
            connection.setClientInfo("ApplicationName", session);
            return connection;
        }, channel, LONG_WAIT);
        Semaphore listening = new Semaphore(0);
        listener.register(listening::release); // called back once it listens
        assertTrue(listening.tryAcquire(30, TimeUnit.SECONDS), "the listener never started listening");

        long started = System.nanoTime();
        listener.close();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "close took " + took + ", a wait is " + LONG_WAIT);
        TestDatabase.awaitTrue(() -> sessionsNamed(session) == 0, "the listening session to end");
        assertThrows(IllegalStateException.class, () -> listener.register(() -> { }));
    }

    @Test
    void aWaitUnderOneMillisecondIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new WorkListener(TestDatabase::open, WorkChannel.of("x"), Duration.ofNanos(10)));
        assertEquals("wait must be at least 1 ms, got PT0.00000001S", refused.getMessage());
    }

    private static int sessionsNamed(String name) throws Exception {
        try (Connection connection = TestDatabase.open(); PreparedStatement count = connection.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
            count.setString(1, name);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
