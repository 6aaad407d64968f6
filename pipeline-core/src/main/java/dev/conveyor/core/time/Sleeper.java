package dev.conveyor.core.time;

import java.time.Duration;

/** Waits: between retries, and for step timeouts. Injected so that tests never wait for real. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** Really sleeps the calling thread. */
    static Sleeper system() {
        return duration -> {
            if (!duration.isNegative() && !duration.isZero()) {
                Thread.sleep(duration);
            }
        };
    }
}
