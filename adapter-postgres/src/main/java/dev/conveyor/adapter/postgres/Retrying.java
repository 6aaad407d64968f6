package dev.conveyor.adapter.postgres;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs a database call again, a bounded number of times with growing pauses, when it fails transiently; when
 * the failures outlast the attempts, or the pool cannot get a connection at all, it says so in words.
 */
final class Retrying {

    /** Pauses between attempts; a test passes one that does not wait. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final int maxAttempts;
    private final Duration firstPause;
    private final Sleeper sleeper;
    private final String where;

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

    <T> T call(Supplier<T> action) {
        Duration pause = firstPause;
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (RuntimeException failure) {
                if (TransientFailures.isPoolTimeout(failure)) {
                    throw unavailable("no connection could be made", failure);
                }
                if (!TransientFailures.isTransient(failure)) {
                    throw failure;
                }
                if (attempt >= maxAttempts) {
                    throw unavailable("it kept failing after " + maxAttempts + " attempts", failure);
                }
            }
            pauseFor(pause);
            pause = pause.multipliedBy(2);
        }
    }

    private void pauseFor(Duration pause) {
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a call to PostgreSQL", e);
        }
    }

    private PostgresUnavailableException unavailable(String what, Throwable cause) {
        String state = TransientFailures.sqlState(cause).map(s -> " [SQLState " + s + "]").orElse("");
        return new PostgresUnavailableException("PostgreSQL at " + where + " is unavailable: " + what + state
                + " (" + rootMessage(cause) + "). Check that the database is running and reachable, "
                + "then try again.", cause);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
