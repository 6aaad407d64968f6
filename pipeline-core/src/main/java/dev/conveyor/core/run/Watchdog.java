package dev.conveyor.core.run;

import dev.conveyor.core.time.Sleeper;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Interrupts a step attempt that outlives its timeout. Waits through the {@link Sleeper} on a virtual
 * thread, so tests drive it without real time; exactly one of "finished" and "fired" wins.
 */
final class Watchdog {

    private static final int RUNNING = 0;
    private static final int FINISHED = 1;
    private static final int FIRED = 2;

    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final Thread target;
    private final LiveStepContext context;
    private final Thread timer;

    private Watchdog(Thread target, LiveStepContext context, Duration timeout, Sleeper sleeper) {
        this.target = target;
        this.context = context;
        this.timer = Thread.ofVirtual().name("conveyor-step-timeout").unstarted(() -> await(timeout, sleeper));
    }

    static Watchdog watch(LiveStepContext context, Duration timeout, Sleeper sleeper) {
        Watchdog watchdog = new Watchdog(Thread.currentThread(), context, timeout, sleeper);
        watchdog.timer.start();
        return watchdog;
    }

    private void await(Duration timeout, Sleeper sleeper) {
        try {
            sleeper.sleep(timeout);
        } catch (InterruptedException e) {
            return;
        }
        synchronized (this) {
            if (state.compareAndSet(RUNNING, FIRED)) {
                context.markTimedOut();
                target.interrupt();
            }
        }
    }

    /**
     * Called by the step's thread when the attempt returns.
     *
     * @return true if the attempt had timed out (the thread's interrupt flag is cleared again)
     */
    boolean finish() {
        if (state.compareAndSet(RUNNING, FINISHED)) {
            timer.interrupt();
            return false;
        }
        synchronized (this) {
            Thread.interrupted();
        }
        return true;
    }
}
