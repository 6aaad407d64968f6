package dev.conveyor.adapter.cli.batch;

import dev.conveyor.adapter.cli.engine.StoreBackoff;
import dev.conveyor.port.out.StoreUnavailableException;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A batch run's calls to its store, waiting out a store that is briefly unavailable instead of ending the run:
 * each call is made again after a growing back-off until it answers. The user is told once when the wait
 * begins and once when the store is back. After {@code bound} of continuous unavailability, or a stop asked
 * meanwhile, the wait gives up with {@link StoreWaitGaveUp}; the jobs stay in the store, resumable by the next run.
 * Only calls whose retry is safe go through it: reads, and submissions that are idempotent per item.
 */
final class StoreWait {

    /** Waits {@code wait} unless the run is asked to stop first; false when it was. */
    @FunctionalInterface
    interface Pause {
        boolean pause(Duration wait);
    }

    private final StoreBackoff backoff;
    private final Duration bound;
    private final Consumer<String> notices;
    private final Pause pause;

    StoreWait(StoreBackoff backoff, Duration bound, Consumer<String> notices, Pause pause) {
        this.backoff = backoff;
        this.bound = bound;
        this.notices = notices;
        this.pause = pause;
    }

    /** {@code call}'s answer, once the store gives one. */
    <T> T call(Supplier<T> call) {
        long since = 0;
        boolean waiting = false;
        while (true) {
            try {
                T answer = call.get();
                if (backoff.reset()) {
                    notices.accept("database back; carrying on");
                }
                return answer;
            } catch (StoreUnavailableException e) {
                long now = System.nanoTime();
                if (!waiting) {
                    since = now;
                    waiting = true;
                    notices.accept("database unavailable; waiting up to " + bound.toSeconds() + " s for it ("
                            + firstLine(e.getMessage()) + ")");
                } else if (now - since >= bound.toNanos()) {
                    throw new StoreWaitGaveUp("the database stayed unavailable for " + bound.toSeconds()
                            + " s (--db-wait); gave up", e);
                }
                Duration wait = backoff.after(e);
                Duration left = Duration.ofNanos(bound.toNanos() - (now - since));
                if (!pause.pause(wait.compareTo(left) < 0 ? wait : left.plusMillis(1))) {
                    throw new StoreWaitGaveUp("stopped while waiting for the database", e);
                }
            }
        }
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
