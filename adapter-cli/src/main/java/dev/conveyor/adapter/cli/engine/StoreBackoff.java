package dev.conveyor.adapter.cli.engine;

import dev.conveyor.port.out.StoreUnavailableException;

import java.time.Duration;

/**
 * How long a caller waits before calling a store that said it is unavailable again, growing with each failure
 * in a row. One per waiting thread; {@link #reset()} once a call succeeds.
 */
public interface StoreBackoff {

    /** The wait after {@code failure}. */
    Duration after(StoreUnavailableException failure);

    /** The store answered again; returns whether it had been unavailable since the last reset. */
    boolean reset();
}
