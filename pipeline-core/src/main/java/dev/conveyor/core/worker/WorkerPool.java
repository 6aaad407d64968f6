package dev.conveyor.core.worker;

import dev.conveyor.core.registry.Pipelines;
import dev.conveyor.core.run.JobRunner;
import dev.conveyor.core.run.RunningJobs;
import dev.conveyor.model.Job;
import dev.conveyor.model.WorkerId;
import dev.conveyor.port.out.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool of worker threads fed by one dispatcher: it claims as many queued jobs as there are free threads,
 * in one store call, and sleeps until a thread frees up, work is announced, or the poll interval passes.
 */
public final class WorkerPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    private final JobStore store;
    private final Pipelines pipelines;
    private final JobRunner runner;
    private final RunningJobs running;
    private final WorkerId worker;
    private final int threads;
    private final Duration leaseLength;
    private final Duration pollInterval;
    private final Clock clock;
    private final Semaphore free;
    private final Object signal = new Object();
    private final AtomicInteger wakeups = new AtomicInteger();
    private final ExecutorService executor;
    private final Thread dispatcher;
    private volatile boolean open = true;

    public WorkerPool(JobStore store, Pipelines pipelines, JobRunner runner, RunningJobs running, WorkerId worker,
                      int threads, Duration leaseLength, Duration pollInterval, Clock clock) {
        if (threads < 1) {
            throw new IllegalArgumentException("a worker pool needs at least 1 thread, got " + threads);
        }
        this.store = store;
        this.pipelines = pipelines;
        this.runner = runner;
        this.running = running;
        this.worker = worker;
        this.threads = threads;
        this.leaseLength = leaseLength;
        this.pollInterval = pollInterval;
        this.clock = clock;
        this.free = new Semaphore(threads);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "conveyor-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.dispatcher = new Thread(this::dispatch, "conveyor-dispatcher");
        this.dispatcher.setDaemon(true);
    }

    public WorkerPool start() {
        dispatcher.start();
        return this;
    }

    /** Work was queued: claim now rather than at the next poll. */
    public void wake() {
        wakeups.incrementAndGet();
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void dispatch() {
        while (open) {
            try {
                int seen = wakeups.get();
                int slots = free.availablePermits();
                int claimed = slots == 0 ? 0 : claim(slots);
                if (claimed == slots && claimed > 0) {
                    continue;
                }
                synchronized (signal) {
                    if (open && seen == wakeups.get() && (claimed == 0 || free.availablePermits() == 0)) {
                        signal.wait(pollInterval.toMillis());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("worker {} could not claim jobs; trying again in {}", worker, pollInterval, e);
                sleepQuietly(pollInterval);
            }
        }
    }

    private int claim(int slots) throws InterruptedException {
        List<Job> jobs = store.claim(worker, pipelines.names(), slots, clock.instant(), leaseLength);
        for (Job job : jobs) {
            free.acquire();
            executor.execute(() -> {
                try {
                    runner.run(job, pipelines.find(job.pipeline()).orElseThrow());
                } catch (RuntimeException | Error e) {
                    LOG.error("job {} stopped unexpectedly on worker {}; its lease will expire and another worker "
                            + "resumes it", job.id(), worker, e);
                } finally {
                    free.release();
                    wake();
                }
            });
        }
        return jobs.size();
    }

    /** Jobs running now on this pool. */
    public int busy() {
        return threads - free.availablePermits();
    }

    /**
     * Stops claiming, tells running steps to stop at their next checkpoint, and waits up to {@code grace} for
     * them; jobs still running then are handed back to the queue by their runners or by lease expiry.
     */
    public void shutdown(Duration grace) {
        open = false;
        wake();
        dispatcher.interrupt();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                running.stopAll(RunningJobs.SHUTDOWN);
                if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    executor.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(10));
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
