package dev.conveyor.adapter.postgres;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs a database call again, a bounded number of times with growing pauses, when it fails transiently; when
 * the failures outlast the attempts, the pool cannot get a connection at all, or the database stops answering
 * within the statement timeout, it says so in words ({@link PostgresUnavailableException}).
 *
 * <p>A retry must never duplicate a row. A connection lost while a statement or commit was under way leaves its
 * outcome unknown: the first attempt may have committed. Each attempt is told whether an earlier one may have
 * ({@link Attempt#run}), and the writes use that: inserts carry client-generated ids ({@code on conflict do
 * nothing}) and recognise a row an earlier attempt inserted as theirs; version-checked updates recognise their
 * own earlier write; a lone audit insert skips an event already stored.
 */
final class Retrying {

    /** Pauses between attempts; a test passes one that does not wait. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** One attempt at a call. */
    @FunctionalInterface
    interface Attempt<T> {
        /**
         * @param earlierMayHaveCommitted an earlier attempt lost its connection after sending: its writes may be
         *                                stored, and this attempt must not write them twice
         */
        T run(boolean earlierMayHaveCommitted);
    }

    private final int maxAttempts;
    private final Duration firstPause;
    private final Sleeper sleeper;
    private final String where;
    private final AtomicLong unsureRetries = new AtomicLong();

    Retrying(int maxAttempts, Duration firstPause, Sleeper sleeper, String where) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.firstPause = firstPause;
        this.sleeper = sleeper;
        this.where = where;
    }

    static Retrying standard(String where) {
        return new Retrying(4, Duration.ofMillis(25), duration -> Thread.sleep(duration), where);
    }

    /** A call that is safe to repeat as it is: a read, or a write whose values are absolute. */
    <T> T call(Supplier<T> action) {
        return attempt(unknown -> action.get());
    }

    <T> T attempt(Attempt<T> action) {
        Duration pause = firstPause;
        boolean unknown = false;
        for (int attempt = 1; ; attempt++) {
            try {
                return action.run(unknown);
            } catch (RuntimeException failure) {
                if (failure instanceof PostgresUnavailableException) {
                    throw failure;
                }
                if (TransientFailures.isPoolTimeout(failure)) {
                    throw unavailable(TransientFailures.isConnectFailure(failure), "no connection could be made",
                            failure);
                }
                if (!TransientFailures.isTransient(failure)) {
                    throw failure;
                }
                if (TransientFailures.isTimeout(failure)) {
                    // Waiting once more would double the wait of a call to a database that does not answer.
                    throw unavailable(true, "it did not answer within the statement timeout", failure);
                }
                if (attempt >= maxAttempts) {
                    throw unavailable(true, "it kept failing after " + maxAttempts + " attempts", failure);
                }
                unknown |= TransientFailures.mayHaveCommitted(failure);
                if (unknown) {
                    unsureRetries.incrementAndGet();
                }
            }
            pauseFor(pause);
            pause = pause.multipliedBy(2);
        }
    }

    /** Attempts made so far after an attempt whose outcome was unknown. */
    long retriesAfterUnknownOutcome() {
        return unsureRetries.get();
    }

    private void pauseFor(Duration pause) {
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a call to PostgreSQL", e);
        }
    }

    private PostgresUnavailableException unavailable(boolean outage, String what, Throwable cause) {
        String state = TransientFailures.sqlState(cause).map(s -> " [SQLState " + s + "]").orElse("");
        return new PostgresUnavailableException("PostgreSQL at " + where + " is unavailable: " + what + state
                + " (" + rootMessage(cause) + "). Check that the database is running and reachable, "
                + "then try again.", outage, cause);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
