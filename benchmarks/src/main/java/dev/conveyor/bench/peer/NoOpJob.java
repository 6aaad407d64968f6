package dev.conveyor.bench.peer;

import org.jobrunr.scheduling.BackgroundJob;

/**
 * JobRunr's jobs in the peer benchmark: they do nothing but say they ran. JobRunr finds them by the lambdas that
 * enqueue them ({@code n -> NoOpJob.run(n)}), so the class is public with public static methods, and they report
 * to the phase in progress.
 *
 * <p>{@link #run} is a single-step job. {@link #chain} is one step of a five-step pipeline built the way JobRunr's
 * open-source edition allows (job chaining is in its paid edition): each step's job enqueues the next step's job
 * before it returns, so every step is saved before the one after it runs, as each of Conveyor's step completions
 * is committed before its next step starts.
 */
public final class NoOpJob {

    /** The steps of a chained pipeline, as many as the peer benchmark's five-step Conveyor pipeline has. */
    static final int CHAIN_STEPS = 5;

    private static volatile Finish current = new Finish(0);

    private NoOpJob() {
    }

    /** The job: a single step that returns at once. */
    public static void run(Integer n) {
        Finish finish = current;
        finish.started();
        finish.finished();
    }

    /** Step {@code step} (from 1) of pipeline {@code n}: enqueues the next step's job, or ends the pipeline. */
    public static void chain(Integer n, Integer step) {
        Finish finish = current;
        if (step == 1) {
            finish.started();
        }
        if (step < CHAIN_STEPS) {
            Integer next = step + 1;
            BackgroundJob.enqueue(() -> NoOpJob.chain(n, next));
        } else {
            finish.finished();
        }
    }

    /** Where the jobs of the next phase report. */
    static void reportTo(Finish finish) {
        current = finish;
    }
}
