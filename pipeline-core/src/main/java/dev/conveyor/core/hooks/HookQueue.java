package dev.conveyor.core.hooks;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded queue of hook calls, run in order by one daemon thread of its own (started by the first call), so a
 * slow hook never delays a job and never makes the engine hold more than {@code capacity} waiting calls. When the
 * queue is full the oldest call is dropped and counted (the newest events are the ones an operator still needs),
 * with a warning at most once a minute. {@link #close(Duration)} runs what is queued for a bounded time and says
 * how many it dropped.
 */
public final class HookQueue implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(HookQueue.class);
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);

    private final String name;
    private final int capacity;
    private final Clock clock;
    private final Runnable onDrop;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final Condition idle = lock.newCondition();
    private final ArrayDeque<Runnable> calls = new ArrayDeque<>();
    private final Thread thread;
    private long dropped;
    private long droppedAtLastWarning;
    private Instant lastWarning;
    private boolean started;
    private boolean running;
    private boolean closed;

    /**
     * @param name     what the queue carries ({@code audit}, {@code notifications}): its thread's and log lines' name
     * @param capacity the most calls it holds waiting
     * @param clock    the engine's clock, which spaces the overflow warnings
     * @param onDrop   told of every call dropped, after the queue's lock is released (a metrics counter)
     */
    public HookQueue(String name, int capacity, Clock clock, Runnable onDrop) {
        this.name = Objects.requireNonNull(name, "name must not be null");
        if (capacity < 1) {
            throw new IllegalArgumentException("hook queue capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.onDrop = Objects.requireNonNull(onDrop, "onDrop must not be null");
        this.thread = new Thread(this::runCalls, "conveyor-hooks-" + name);
        thread.setDaemon(true);
    }

    /** Queues the call; when the queue is full, drops the oldest waiting one. After close, drops this one. */
    @Override
    public void execute(Runnable call) {
        Objects.requireNonNull(call, "call must not be null");
        boolean droppedOne = false;
        lock.lock();
        try {
            if (closed) {
                dropped++;
                droppedOne = true;
                LOG.warn("{} hook call dropped: the engine is closed", name);
                return;
            }
            if (calls.size() == capacity) {
                calls.pollFirst();
                dropped++;
                droppedOne = true;
                warnOfOverflow();
            }
            calls.addLast(call);
            if (!started) {
                started = true;
                thread.start(); // on the first call: an engine whose hooks never fire holds no thread
            }
            queued.signal();
        } finally {
            lock.unlock();
            if (droppedOne) {
                onDrop.run();
            }
        }
    }

    private void warnOfOverflow() {
        Instant now = clock.instant();
        if (lastWarning == null || !now.isBefore(lastWarning.plus(WARN_EVERY))) {
            LOG.warn("{} hook queue is full ({} calls waiting): dropped its oldest; {} dropped since the last "
                    + "warning, {} in all. The {} hooks are slower than the engine makes events.", name, capacity,
                    dropped - droppedAtLastWarning, dropped, name);
            lastWarning = now;
            droppedAtLastWarning = dropped;
        }
    }

    private void runCalls() {
        while (true) {
            Runnable call;
            lock.lock();
            try {
                while (calls.isEmpty() && !closed) {
                    queued.awaitUninterruptibly();
                }
                call = calls.pollFirst();
                if (call == null) {
                    return;
                }
                running = true;
            } finally {
                lock.unlock();
            }
            try {
                call.run();
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("{} hook failed; the job is not affected", name, e);
            } finally {
                lock.lock();
                try {
                    running = false;
                    if (calls.isEmpty()) {
                        idle.signalAll();
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** Calls waiting now (not counting the one running). */
    public int depth() {
        lock.lock();
        try {
            return calls.size();
        } finally {
            lock.unlock();
        }
    }

    /** The most calls the queue holds waiting. */
    public int capacity() {
        return capacity;
    }

    /** Calls dropped so far: the oldest on overflow, those still waiting when close gave up, any after close. */
    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    public String name() {
        return name;
    }

    /**
     * Takes no more calls and runs the queued ones for at most {@code timeout}; then drops what is left (a call
     * already running is left to finish on its own daemon thread) and says how many, in a warning.
     *
     * @return how many queued calls were dropped
     */
    public int close(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int left;
        lock.lock();
        try {
            closed = true;
            queued.signalAll();
            while (!calls.isEmpty() || running) {
                long wait = deadline - System.nanoTime();
                if (wait <= 0) {
                    break;
                }
                idle.awaitNanos(wait);
            }
            left = calls.size();
            calls.clear();
            dropped += left;
            queued.signalAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            left = calls.size();
            calls.clear();
            dropped += left;
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < left; i++) {
            onDrop.run();
        }
        if (left > 0) {
            LOG.warn("{} {} hook calls dropped at close: still queued after {} ms (ConveyorBuilder.hookCloseTimeout)",
                    left, name, TimeUnit.NANOSECONDS.toMillis(timeout.toNanos()));
        }
        return left;
    }
}
