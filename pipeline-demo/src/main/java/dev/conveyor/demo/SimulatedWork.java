package dev.conveyor.demo;

import dev.conveyor.pipeline.StepContext;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Stands in for real work: sleeps the nominal time scaled by the job's {@code time_scale}, give or take
 * {@value #JITTER_PERCENT} %, waking every {@link #SLICE} to honour a cancel at once.
 */
final class SimulatedWork {

    static final Duration SLICE = Duration.ofMillis(100);
    static final int JITTER_PERCENT = 20;

    private SimulatedWork() {
    }

    static void take(StepContext context, Duration nominal, double timeScale) throws InterruptedException {
        long nanos = Math.round(nominal.toNanos() * timeScale * jitter());
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            context.checkpoint();
            Thread.sleep(Duration.ofNanos(Math.min(left, SLICE.toNanos())));
        }
        context.checkpoint();
    }

    private static double jitter() {
        double spread = JITTER_PERCENT / 100.0;
        return 1.0 + ThreadLocalRandom.current().nextDouble(-spread, spread);
    }
}
