package dev.conveyor.adapter.notify;

import java.util.function.BooleanSupplier;

/** Bounded waits: a test fails with what it waited for rather than hanging. */
final class Waits {

    private Waits() {
    }

    static void until(BooleanSupplier condition, long seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + seconds + " s for: " + what);
            }
            Thread.sleep(10);
        }
    }
}
