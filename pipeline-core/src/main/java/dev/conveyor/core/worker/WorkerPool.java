package dev.conveyor.core.worker;

import dev.conveyor.core.registry.Pipelines;
import dev.conveyor.core.run.JobRunner;
import dev.conveyor.core.run.RunningJobs;
import dev.conveyor.model.WorkerId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pool of worker threads. Each free thread claims the oldest queued job itself and runs it, so a busy
 * pool hands nothing between threads (and a store that can starts the job's first step with the claim); an idle
 * thread sleeps until work is announced or the poll interval
 * passes (the fallback for work queued by other processes).
 *
 * <p>A job's last write, its completion, needs no worker: a worker hands it to one of as many completion threads
 * and claims its next job while the write waits for the store to make it durable. On a durable store that wait
 * is a disk flush, as long as a short step, and both writes then share one commit. When every completion thread
 * is busy the worker writes the completion itself, so completions in flight stay bounded by the worker count.
 */
public final class WorkerPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    private final Pipelines pipelines;
    private final JobRunner runner;
    private final RunningJobs running;
    private final WorkerId worker;
    private final Duration pollInterval;
    private final List<Thread> threads = new ArrayList<>();
    private final Object signal = new Object();
    private final AtomicLong announcements = new AtomicLong();
    private final AtomicInteger idle = new AtomicInteger();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger completing = new AtomicInteger();
    private final ThreadPoolExecutor completions;
    private volatile boolean open = true;

    public WorkerPool(Pipelines pipelines, JobRunner runner, RunningJobs running, WorkerId worker, int threadCount,
                      Duration pollInterval) {
        if (threadCount < 1) {
            throw new IllegalArgumentException("a worker pool needs at least 1 thread, got " + threadCount);
        }
        this.pipelines = pipelines;
        this.runner = runner;
        this.running = running;
        this.worker = worker;
        this.pollInterval = pollInterval;
        for (int i = 1; i <= threadCount; i++) {
            Thread thread = new Thread(this::work, "conveyor-worker-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        AtomicInteger completionThreads = new AtomicInteger();
        this.completions = new ThreadPoolExecutor(threadCount, threadCount, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threadCount), task -> {
                    Thread thread = new Thread(task, "conveyor-completion-" + completionThreads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        completions.allowCoreThreadTimeOut(true);
    }

    public WorkerPool start() {
        threads.forEach(Thread::start);
        return this;
    }

    /** Work was queued: wake an idle thread rather than wait for the next poll. Cheap when none is idle. */
    public void wake() {
        announcements.incrementAndGet();
        if (idle.get() > 0) {
            synchronized (signal) {
                signal.notifyAll();
            }
        }
    }

    private void work() {
        while (open) {
            long seen = announcements.get();
            try {
                List<JobRunner.Claimed> claimed = runner.claim(pipelines, 1);
                if (claimed.isEmpty()) {
                    awaitWork(seen);
                    continue;
                }
                for (JobRunner.Claimed job : claimed) {
                    run(job);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("worker {} could not claim jobs; trying again in {}", worker, pollInterval, e);
                try {
                    awaitWork(seen - 1);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private void run(JobRunner.Claimed claimed) {
        busy.incrementAndGet();
        try {
            runner.run(claimed, completion -> complete(claimed, completion));
        } catch (RuntimeException | Error e) {
            stoppedUnexpectedly(claimed, e);
        } finally {
            busy.decrementAndGet();
        }
    }

    /** Hands a job's completion write to a completion thread; rejected when all are busy. */
    private void complete(JobRunner.Claimed claimed, Runnable completion) {
        completing.incrementAndGet();
        try {
            completions.execute(() -> {
                try {
                    completion.run();
                } catch (RuntimeException | Error e) {
                    stoppedUnexpectedly(claimed, e);
                } finally {
                    completing.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            completing.decrementAndGet();
            throw e;
        }
    }

    private void stoppedUnexpectedly(JobRunner.Claimed claimed, Throwable e) {
        LOG.error("job {} stopped unexpectedly on worker {}; its lease will expire and another worker resumes it",
                claimed.job().id(), worker, e);
    }

    private void awaitWork(long seen) throws InterruptedException {
        idle.incrementAndGet();
        try {
            synchronized (signal) {
                if (open && announcements.get() == seen) {
                    signal.wait(pollInterval.toMillis());
                }
            }
        } finally {
            idle.decrementAndGet();
        }
    }

    /** Worker threads this pool was built with. */
    public int size() {
        return threads.size();
    }

    /** Worker threads still in their claim loop: all of them from start until shutdown, unless one died. */
    public int alive() {
        return (int) threads.stream().filter(Thread::isAlive).count();
    }

    /** Jobs running now on this pool, those whose completion is being written included. */
    public int busy() {
        return busy.get() + completing.get();
    }

    /**
     * Stops claiming, waits up to {@code grace} for running jobs, then tells their steps to stop at their next
     * checkpoint (their runners hand the jobs back to the queue) and waits once more.
     */
    public void shutdown(Duration grace) {
        open = false;
        synchronized (signal) {
            signal.notifyAll();
        }
        if (!joinAll(grace)) {
            running.stopAll(RunningJobs.SHUTDOWN);
            if (!joinAll(grace)) {
                LOG.warn("{} jobs did not stop within the grace period; their leases will expire", busy.get());
            }
        }
        completions.shutdown();
        try {
            if (!completions.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} job completions were not written within the grace period; their leases will expire "
                        + "and their last steps run again", completing.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean joinAll(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            for (Thread thread : threads) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    thread.join(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return threads.stream().noneMatch(Thread::isAlive);
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(10));
    }
}
