package dev.conveyor.bench.peer;

/**
 * JobRunr's job in the peer benchmark: it does nothing but say it ran. JobRunr finds it by the lambda that
 * enqueues it ({@code n -> NoOpJob.run(n)}), so it is public with a public static method, and it reports to
 * the phase in progress.
 */
public final class NoOpJob {

    private static volatile Finish current = new Finish(0);

    private NoOpJob() {
    }

    /** The job: a single step that returns at once. */
    public static void run(Integer n) {
        Finish finish = current;
        finish.started();
        finish.finished();
    }

    /** Where the jobs of the next phase report. */
    static void reportTo(Finish finish) {
        current = finish;
    }
}
