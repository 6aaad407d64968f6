package dev.conveyor.adapter.postgres;

import dev.conveyor.adapter.postgres.CallerLedBatches.Slot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The batching behind group commit, combined claims and coalesced reads, without a database: the first round
 * is held on a latch, so which requests go together is certain rather than a matter of timing.
 */
class CallerLedBatchesTest {

    private final ExecutorService callers = Executors.newFixedThreadPool(16);
    private final List<List<Integer>> rounds = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    /** Doubles every request; the round that carries request 0 waits for {@link #release}. */
    private void doubling(List<Slot<Integer, Integer>> slots) {
        rounds.add(slots.stream().map(Slot::request).toList());
        if (slots.stream().anyMatch(slot -> slot.request() == 0)) {
            await(release);
        }
        slots.forEach(slot -> slot.answer(slot.request() * 2));
    }

    @Test
    void aLoneRequestRunsAtOnceInItsOwnRound() {
        var batches = new CallerLedBatches<Integer, Integer>(10, 1, 1, this::doubling);

        assertEquals(42, batches.submit(21));
        assertEquals(List.of(List.of(21)), rounds);
    }

    @Test
    void requestsArrivingDuringARoundGoTogetherInTheNextAndEachGetsItsOwnAnswer() throws Exception {
        var batches = new CallerLedBatches<Integer, Integer>(10, 1, 1, this::doubling);
        Future<Integer> first = callers.submit(() -> batches.submit(0));
        List<Future<Integer>> waiting = queueBehindHeldRound(batches, 5);

        release.countDown();

        assertEquals(0, first.get(5, TimeUnit.SECONDS));
        for (int i = 1; i <= 5; i++) {
            assertEquals(2 * i, waiting.get(i - 1).get(5, TimeUnit.SECONDS));
        }
        assertEquals(2, rounds.size(), "one round for the first request, one for the five that waited");
        assertEquals(5, rounds.get(1).size());
    }

    @Test
    void aRoundTakesAtMostMaxBatchRequests() throws Exception {
        var batches = new CallerLedBatches<Integer, Integer>(2, 1, 1, this::doubling);
        Future<Integer> first = callers.submit(() -> batches.submit(0));
        List<Future<Integer>> waiting = queueBehindHeldRound(batches, 5);

        release.countDown();

        first.get(5, TimeUnit.SECONDS);
        for (Future<Integer> answer : waiting) {
            answer.get(5, TimeUnit.SECONDS);
        }
        assertTrue(rounds.stream().allMatch(round -> round.size() <= 2), rounds.toString());
        assertEquals(4, rounds.size(), "1 + ceil(5 / 2) rounds: " + rounds);
    }

    @Test
    void anotherRoundStartsWhileOneIsInFlightOnlyWhenEnoughRequestsWait() throws Exception {
        var batches = new CallerLedBatches<Integer, Integer>(10, 2, 3, this::doubling);
        Future<Integer> first = callers.submit(() -> batches.submit(0));
        awaitRounds(1);
        List<Future<Integer>> waiting = new ArrayList<>();
        waiting.add(callers.submit(() -> batches.submit(1)));
        awaitWaiting(batches, 1); // one at a time, so the queue's order is the order asserted below
        waiting.add(callers.submit(() -> batches.submit(2)));
        awaitWaiting(batches, 2);
        assertEquals(1, rounds.size(), "two waiting requests are not worth a second round");

        waiting.add(callers.submit(() -> batches.submit(3)));
        for (Future<Integer> answer : waiting) {
            answer.get(5, TimeUnit.SECONDS);
        }
        assertEquals(List.of(1, 2, 3), rounds.get(1), "the third made a second round worthwhile, beside the first");
        assertTrue(!first.isDone(), "the first round is still held");
        release.countDown();
        assertEquals(0, first.get(5, TimeUnit.SECONDS));
    }

    @Test
    void underLoadARoundWaitsForAsManyRequestsAsTheRoundBeforeCarried() throws Exception {
        var batches = CallerLedBatches.oneAtATime(10, Duration.ofSeconds(30), this::doubling);
        carryThreeInARound(batches);

        Future<Integer> four = callers.submit(() -> batches.submit(4));
        awaitWaiting(batches, 1);
        Thread.sleep(200);
        assertEquals(2, rounds.size(), "one request of the three the round before carried does not start a round");
        Future<Integer> five = callers.submit(() -> batches.submit(5));
        awaitWaiting(batches, 2);
        Future<Integer> six = callers.submit(() -> batches.submit(6));

        assertEquals(8, four.get(5, TimeUnit.SECONDS), "the third request let the round go long before 30 s");
        assertEquals(10, five.get(5, TimeUnit.SECONDS));
        assertEquals(12, six.get(5, TimeUnit.SECONDS));
        assertEquals(List.of(4, 5, 6), rounds.get(2));
    }

    @Test
    void aRoundThatGathersTooFewGoesWhenItsWaitIsOver() throws Exception {
        var batches = CallerLedBatches.oneAtATime(10, Duration.ofMillis(50), this::doubling);
        carryThreeInARound(batches);

        assertEquals(8, batches.submit(4));
        assertEquals(List.of(4), rounds.get(2));
    }

    @Test
    void aLoneRequestAfterALoneRoundDoesNotWait() throws Exception {
        var batches = CallerLedBatches.oneAtATime(10, Duration.ofSeconds(30), this::doubling);

        assertEquals(2, callers.submit(() -> batches.submit(1)).get(5, TimeUnit.SECONDS));
        assertEquals(4, callers.submit(() -> batches.submit(2)).get(5, TimeUnit.SECONDS));
        assertEquals(List.of(List.of(1), List.of(2)), rounds);
    }

    @Test
    void aFailedRoundFailsItsOwnCallersOnlyAndTheNextRoundsWork() {
        RuntimeException broken = new IllegalStateException("database said no");
        var batches = new CallerLedBatches<Integer, Integer>(10, 1, 1, slots -> {
            if (slots.getFirst().request() < 0) {
                throw broken;
            }
            slots.forEach(slot -> slot.answer(slot.request()));
        });

        assertSame(broken, assertThrows(IllegalStateException.class, () -> batches.submit(-1)));
        assertEquals(7, batches.submit(7));
    }

    @Test
    void eachRequestCanFailOnItsOwnInsideARound() {
        var batches = new CallerLedBatches<Integer, Integer>(10, 1, 1, slots -> slots.forEach(slot -> {
            if (slot.request() < 0) {
                slot.fail(new IllegalArgumentException("negative: " + slot.request()));
            } else {
                slot.answer(slot.request());
            }
        }));

        assertEquals("negative: -3",
                assertThrows(IllegalArgumentException.class, () -> batches.submit(-3)).getMessage());
        assertEquals(3, batches.submit(3));
    }

    @Test
    void aRoundThatForgetsARequestFailsItRatherThanLeavingItsCallerWaiting() {
        var batches = new CallerLedBatches<Integer, Integer>(10, 1, 1, slots -> { });

        var failure = assertThrows(IllegalStateException.class, () -> batches.submit(5));
        assertTrue(failure.getMessage().contains("without answering"), failure.getMessage());
    }

    @Test
    void anAnswerMayBeNull() {
        var batches = new CallerLedBatches<Integer, Integer>(10, 1, 1,
                slots -> slots.forEach(slot -> slot.answer(null)));

        assertEquals(null, batches.submit(1));
    }

    @Test
    void nonsenseLimitsAreRefused() {
        var failure = assertThrows(IllegalArgumentException.class,
                () -> new CallerLedBatches<Integer, Integer>(0, 1, 1, slots -> { }));
        assertTrue(failure.getMessage().contains("at least 1"), failure.getMessage());
    }

    /** Rounds of [0] (held until requests 1..3 queue behind it), then 1, 2 and 3 together. */
    private void carryThreeInARound(CallerLedBatches<Integer, Integer> batches) throws Exception {
        Future<Integer> first = callers.submit(() -> batches.submit(0));
        List<Future<Integer>> waiting = queueBehindHeldRound(batches, 3);
        release.countDown();
        first.get(5, TimeUnit.SECONDS);
        for (Future<Integer> answer : waiting) {
            answer.get(5, TimeUnit.SECONDS);
        }
        assertEquals(2, rounds.size(), rounds.toString());
        assertEquals(Set.of(1, 2, 3), Set.copyOf(rounds.get(1)), "the three queued together, in any order");
    }

    /** Once the round carrying request 0 is held, submits requests 1..count and waits until they all queue. */
    private List<Future<Integer>> queueBehindHeldRound(CallerLedBatches<Integer, Integer> batches, int count)
            throws InterruptedException {
        awaitRounds(1);
        List<Future<Integer>> waiting = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            int request = i;
            waiting.add(callers.submit(() -> batches.submit(request)));
        }
        awaitWaiting(batches, count);
        return waiting;
    }

    private void awaitRounds(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (rounds.size() < count) {
            assertTrue(System.nanoTime() < deadline, "no round started");
            Thread.sleep(1);
        }
    }

    private static void awaitWaiting(CallerLedBatches<?, ?> batches, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (batches.waiting() < count) {
            assertTrue(System.nanoTime() < deadline, "only " + batches.waiting() + " requests waiting");
            Thread.sleep(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "the test never released the round");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
