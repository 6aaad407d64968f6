package dev.conveyor.core.hooks;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hook queue holds at most its capacity, drops the oldest when full, and says what close could not run. */
class HookQueueTest {

    private final List<Integer> ran = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch blocking = new CountDownLatch(1);
    private final AtomicInteger toldOfDrops = new AtomicInteger();

    /** A call that holds the queue's thread until the test releases it. */
    private Runnable blocker() {
        return () -> {
            blocking.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void whenFullTheOldestWaitingCallIsDroppedAndCounted() throws Exception {
        HookQueue queue = new HookQueue("audit", 3, Clock.systemUTC(), toldOfDrops::incrementAndGet);
        queue.execute(blocker());
        assertTrue(blocking.await(10, TimeUnit.SECONDS));
        for (int i = 1; i <= 5; i++) {
            int n = i;
            queue.execute(() -> ran.add(n));
        }

        assertEquals(3, queue.depth());
        assertEquals(2, queue.dropped());
        assertEquals(2, toldOfDrops.get(), "the listener hears of every drop");
        release.countDown();
        assertEquals(0, queue.close(Duration.ofSeconds(10)));
        assertEquals(List.of(3, 4, 5), ran, "the newest calls are kept, in order");
    }

    @Test
    void closeRunsWhatIsQueuedBeforeItReturns() {
        HookQueue queue = new HookQueue("notifications", 100, Clock.systemUTC(), toldOfDrops::incrementAndGet);
        for (int i = 1; i <= 20; i++) {
            int n = i;
            queue.execute(() -> ran.add(n));
        }

        int dropped = queue.close(Duration.ofSeconds(10));

        assertEquals(0, dropped);
        assertEquals(20, ran.size());
        assertEquals(0, queue.dropped());
    }

    @Test
    void closeWaitsBoundedAndCountsWhatItDrops() throws Exception {
        HookQueue queue = new HookQueue("audit", 100, Clock.systemUTC(), toldOfDrops::incrementAndGet);
        queue.execute(blocker());
        assertTrue(blocking.await(10, TimeUnit.SECONDS));
        queue.execute(() -> ran.add(1));
        queue.execute(() -> ran.add(2));

        long started = System.nanoTime();
        int dropped = queue.close(Duration.ofMillis(100));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        release.countDown();

        assertEquals(2, dropped);
        assertEquals(2, queue.dropped());
        assertTrue(tookMillis < 5_000, "close gave up after its timeout, took " + tookMillis + " ms");
        queue.execute(() -> ran.add(3));
        assertEquals(3, queue.dropped(), "a call after close is dropped and counted");
        assertEquals(3, toldOfDrops.get());
        assertEquals(List.of(), ran);
    }

    @Test
    void aFailingCallDoesNotStopTheQueue() {
        HookQueue queue = new HookQueue("audit", 10, Clock.systemUTC(), toldOfDrops::incrementAndGet);
        queue.execute(() -> {
            throw new IllegalStateException("hook broke");
        });
        queue.execute(() -> ran.add(1));

        assertEquals(0, queue.close(Duration.ofSeconds(10)));
        assertEquals(List.of(1), ran);
    }
}
