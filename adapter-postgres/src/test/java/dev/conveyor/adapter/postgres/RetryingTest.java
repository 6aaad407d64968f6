package dev.conveyor.adapter.postgres;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryingTest {

    private final List<Duration> pauses = new ArrayList<>();
    private final Retrying retrying = new Retrying(3, Duration.ofMillis(10), pauses::add, "jdbc:postgresql://db/x");

    @Test
    void serializationFailuresDeadlocksAndLostConnectionsAreRetriedWithGrowingPauses() {
        AtomicInteger calls = new AtomicInteger();
        List<String> states = List.of("40001", "40P01");

        String result = retrying.call(() -> {
            int call = calls.getAndIncrement();
            if (call < states.size()) {
                throw failure(states.get(call));
            }
            return "done";
        });

        assertEquals("done", result);
        assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(20)), pauses);
    }

    @Test
    void otherFailuresAreNotRetried() {
        RuntimeException duplicate = failure("23505");
        AtomicInteger calls = new AtomicInteger();

        RuntimeException thrown = assertThrows(RuntimeException.class, () -> retrying.call(() -> {
            calls.incrementAndGet();
            throw duplicate;
        }));

        assertSame(duplicate, thrown);
        assertEquals(1, calls.get());
    }

    @Test
    void failuresOutlastingTheAttemptsSayTheDatabaseIsUnavailable() {
        AtomicInteger calls = new AtomicInteger();

        PostgresUnavailableException thrown = assertThrows(PostgresUnavailableException.class,
                () -> retrying.call(() -> {
                    calls.incrementAndGet();
                    throw failure("08006");
                }));

        assertEquals(3, calls.get());
        assertTrue(thrown.getMessage().contains("jdbc:postgresql://db/x is unavailable: it kept failing after 3 "
                + "attempts [SQLState 08006]"), thrown.getMessage());
    }

    @Test
    void aPoolThatCannotConnectFailsAtOnceWithoutRetrying() {
        AtomicInteger calls = new AtomicInteger();

        PostgresUnavailableException thrown = assertThrows(PostgresUnavailableException.class,
                () -> retrying.call(() -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("wrapped",
                            new SQLTransientConnectionException("Connection is not available", "08001"));
                }));

        assertEquals(1, calls.get());
        assertTrue(thrown.getMessage().contains("no connection could be made"), thrown.getMessage());
    }

    @Test
    void anAttemptAfterALostConnectionIsToldTheFirstMayHaveCommittedButNotAfterARollback() {
        List<Boolean> told = new ArrayList<>();

        retrying.attempt(unsure -> {
            told.add(unsure);
            if (told.size() == 1) {
                throw failure("40001"); // rolled back: nothing committed
            }
            if (told.size() == 2) {
                throw failure("08006"); // the connection broke: the statement may have committed
            }
            return "done";
        });

        assertEquals(List.of(false, false, true), told);
        assertEquals(1, retrying.retriesAfterUnknownOutcome());
    }

    @Test
    void aDatabaseThatDoesNotAnswerWithinTheStatementTimeoutIsNotWaitedForTwice() {
        AtomicInteger calls = new AtomicInteger();

        PostgresUnavailableException thrown = assertThrows(PostgresUnavailableException.class,
                () -> retrying.call(() -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("wrapped", new SQLException("An I/O error occurred", "08006",
                            new java.net.SocketTimeoutException("Read timed out")));
                }));

        assertEquals(1, calls.get());
        assertTrue(thrown.outage());
        assertTrue(thrown.getMessage().contains("did not answer within the statement timeout"), thrown.getMessage());
    }

    @Test
    void aPoolWhoseConnectionsAreAllBusyIsNotAnOutage() {
        PostgresUnavailableException busy = assertThrows(PostgresUnavailableException.class,
                () -> retrying.call(() -> {
                    throw new IllegalStateException("wrapped",
                            new SQLTransientConnectionException("Connection is not available", "08001"));
                }));
        PostgresUnavailableException down = assertThrows(PostgresUnavailableException.class,
                () -> retrying.call(() -> {
                    throw new IllegalStateException("wrapped", new SQLTransientConnectionException(
                            "Connection is not available", "08001", new SQLException("Connection refused", "08001")));
                }));

        assertEquals(false, busy.outage());
        assertTrue(down.outage());
    }

    private static RuntimeException failure(String sqlState) {
        return new IllegalStateException("database said no", new SQLException("boom " + sqlState, sqlState));
    }
}
