package dev.conveyor.adapter.postgres;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The circuit breaker on its own: when it opens, what an open breaker answers, and how a probe closes it. */
class StoreBreakerTest {

    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger probes = new AtomicInteger();
    private final StoreBreaker breaker = new StoreBreaker("jdbc:postgresql://db/x", Duration.ofMillis(200), () -> {
        probes.incrementAndGet();
        if (down.get()) {
            throw outage();
        }
    });

    @AfterEach
    void close() {
        breaker.close();
    }

    @Test
    void twoOutagesAmongTheLastFourCallsOpenItAndThenCallsFailAtOnceWithoutRunning() {
        for (int i = 0; i < 3; i++) {
            assertEquals("ok", breaker.call(() -> "ok"));
        }
        assertThrows(PostgresUnavailableException.class, () -> breaker.call(() -> {
            throw outage();
        }));
        assertTrue(breaker.closed(), "one failure in four is not yet an outage");
        assertThrows(PostgresUnavailableException.class, () -> breaker.call(() -> {
            throw outage();
        }));

        assertFalse(breaker.closed());
        AtomicInteger ran = new AtomicInteger();
        PostgresUnavailableException refused = assertThrows(PostgresUnavailableException.class,
                () -> breaker.call(ran::incrementAndGet));
        assertEquals(0, ran.get(), "an open breaker sends nothing to the database");
        assertTrue(refused.retryAfter().compareTo(Duration.ZERO) > 0
                && refused.retryAfter().compareTo(Duration.ofMillis(200)) <= 0, refused.retryAfter().toString());
        assertFalse(refused.outage(), "a refusal by the breaker does not count as one more failure");
    }

    @Test
    void refusedWritesAndBusyPoolsAreNotOutages() {
        for (int i = 0; i < 4; i++) {
            assertThrows(IllegalStateException.class, () -> breaker.call(() -> {
                throw new IllegalStateException("job already exists");
            }));
            assertThrows(PostgresUnavailableException.class, () -> breaker.call(() -> {
                throw new PostgresUnavailableException("every connection busy", false, null);
            }));
        }

        assertTrue(breaker.closed());
    }

    @Test
    void probesKeepItOpenWhileTheDatabaseIsDownAndCloseItOnceItAnswers() throws Exception {
        down.set(true);
        for (int i = 0; i < 2; i++) {
            assertThrows(PostgresUnavailableException.class, () -> breaker.call(() -> {
                throw outage();
            }));
        }
        Thread.sleep(700);
        assertFalse(breaker.closed());
        assertTrue(probes.get() >= 1, "probed every 200 ms");

        down.set(false);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!breaker.closed() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertTrue(breaker.closed(), "a probe that succeeds closes the breaker");
        assertEquals("ok", breaker.call(() -> "ok"));
    }

    private static PostgresUnavailableException outage() {
        return new PostgresUnavailableException("down", true, null);
    }
}
