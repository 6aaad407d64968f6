package dev.conveyor.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs one action on many threads released together by a start gate, so that races happen in the test rather
 * than by luck. The threads are kept between rounds; the timeouts only stop a broken store from hanging the build.
 */
public final class Race implements AutoCloseable {

    private final int threads;
    private final ExecutorService pool;

    public Race(int threads) {
        if (threads < 2) {
            throw new IllegalArgumentException("a race needs at least 2 threads, got " + threads);
        }
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads);
    }

    /** Runs {@code action(runner)} once on each thread, all starting at once; returns the results by runner. */
    public <T> List<T> run(IntFunction<T> action) throws Exception {
        CyclicBarrier gate = new CyclicBarrier(threads);
        List<Future<T>> running = new ArrayList<>(threads);
        for (int runner = 0; runner < threads; runner++) {
            int index = runner;
            Callable<T> task = () -> {
                gate.await(30, TimeUnit.SECONDS);
                return action.apply(index);
            };
            running.add(pool.submit(task));
        }
        List<T> results = new ArrayList<>(threads);
        for (Future<T> result : running) {
            results.add(result.get(60, TimeUnit.SECONDS));
        }
        return results;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
