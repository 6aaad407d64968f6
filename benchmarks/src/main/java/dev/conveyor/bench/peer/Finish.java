package dev.conveyor.bench.peer;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the no-op jobs of one phase report as they run: when the first one started and how many have run their
 * last step, and a wait for the last of the {@code expected} ones that wakes as it ends (polling for it every
 * millisecond cost the measured JVM a twelfth of its CPU). Safe for many worker threads.
 */
final class Finish {

    private final int expected;
    private final AtomicLong firstStart = new AtomicLong();
    private final AtomicInteger done = new AtomicInteger();
    private final CountDownLatch allDone = new CountDownLatch(1);

    /** @param expected the jobs the phase runs; {@link #awaitAll} returns once that many have run */
    Finish(int expected) {
        this.expected = expected;
    }

    /** Called as a job's first step starts. */
    void started() {
        if (firstStart.get() == 0) {
            firstStart.compareAndSet(0, System.nanoTime());
        }
    }

    /** Called as a job's last step ends. */
    void finished() {
        if (done.incrementAndGet() == expected) {
            allDone.countDown();
        }
    }

    int done() {
        return done.get();
    }

    /** Waits up to {@code nanos} for the expected jobs to have run; true when they have. */
    boolean awaitAll(long nanos) throws InterruptedException {
        return allDone.await(nanos, TimeUnit.NANOSECONDS);
    }

    /** {@link System#nanoTime()} when the first job started; 0 while none has. */
    long firstStart() {
        return firstStart.get();
    }
}
