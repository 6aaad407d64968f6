package dev.conveyor.bench.peer;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the no-op jobs of one phase report as they run: when the first one started and how many have run their
 * last step. Safe for many worker threads.
 */
final class Finish {

    private final AtomicLong firstStart = new AtomicLong();
    private final AtomicInteger done = new AtomicInteger();

    /** Called as a job's first step starts. */
    void started() {
        if (firstStart.get() == 0) {
            firstStart.compareAndSet(0, System.nanoTime());
        }
    }

    /** Called as a job's last step ends. */
    void finished() {
        done.incrementAndGet();
    }

    int done() {
        return done.get();
    }

    /** {@link System#nanoTime()} when the first job started; 0 while none has. */
    long firstStart() {
        return firstStart.get();
    }
}
