package dev.conveyor.core.failure;

import dev.conveyor.port.out.StoreUnavailableException;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before calling a store that said it is unavailable again: growing from 100 ms to 5 s, with
 * jitter so that many workers do not all come back at the same instant, and never less than the store's own
 * hint of when it tries the database again. One per waiting thread; {@link #reset()} once a call succeeds.
 */
public final class OutageBackoff {

    static final Duration FIRST = Duration.ofMillis(100);
    static final Duration MAX = Duration.ofSeconds(5);

    private Duration next = FIRST;
    private boolean waiting;

    /** The wait after {@code failure}; each one in a row waits longer, up to 5 s (plus jitter of up to half). */
    public Duration after(StoreUnavailableException failure) {
        Duration base = next;
        next = next.multipliedBy(2).compareTo(MAX) > 0 ? MAX : next.multipliedBy(2);
        Duration hint = failure.retryAfter().compareTo(MAX) > 0 ? MAX : failure.retryAfter();
        Duration floor = hint.compareTo(base) > 0 ? hint : base;
        long jitter = ThreadLocalRandom.current().nextLong(base.toMillis() / 2 + 1);
        waiting = true;
        return floor.plusMillis(jitter);
    }

    /**
     * The store answered again.
     *
     * @return whether it had been unavailable since the last reset (the caller may say the outage ended)
     */
    public boolean reset() {
        boolean was = waiting;
        next = FIRST;
        waiting = false;
        return was;
    }

    /** Whether the last call failed as unavailable. */
    public boolean waiting() {
        return waiting;
    }
}
