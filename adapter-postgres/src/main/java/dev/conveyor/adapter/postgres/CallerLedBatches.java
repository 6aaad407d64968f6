package dev.conveyor.adapter.postgres;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Requests that many threads make at the same time share one round trip, and each caller gets its own answer.
 * The callers do the work themselves, with no hand-over to another thread: a caller that finds no round in
 * flight takes every request waiting, its own included, and runs them together; the others wait meanwhile, so
 * the next round carries all of them. Up to {@code maxInFlight} rounds run at once when at least
 * {@code worthAnother} requests wait for one (starting a round per lone request would split the waiting ones
 * into many small rounds). A lone request goes at once, so batching costs nothing when there is no crowd.
 *
 * <p>Under load, a caller about to lead a round that would carry fewer requests than the round before waits up to
 * {@code gather} for as many (only with no round in flight). The callers a round has just answered often come back
 * a moment later with their next request (a worker whose step took microseconds), just after the next round has
 * left without them: without that wait the crowd splits into two halves that take turns, every round carries half
 * of it, and each request pays for twice the statements and commits. After a round of one, nothing waits.
 *
 * <p>A round only ever answers requests that were waiting when it began, so an answer never predates its
 * question: a read answered here began after it was asked, as it would have alone.
 *
 * <p>One concept, used for group commit ({@link GroupCommitWriter}), combined claims ({@link ClaimCombiner}) and
 * coalesced reads by id ({@link JobReads}).
 *
 * @param <Q> a request
 * @param <A> its answer
 */
final class CallerLedBatches<Q, A> {

    /**
     * How long the store's claims and group commits gather: long enough for the callers of the last round to run a
     * step of microseconds and come back on a busy 2-core machine (300 µs caught fewer of them), short beside any
     * step worth running in the background, and at most once per round.
     */
    static final Duration GATHER = Duration.ofMillis(1);

    /** Runs one round: must {@link Slot#answer answer} or {@link Slot#fail fail} every slot it is given. */
    @FunctionalInterface
    interface Round<Q, A> {
        void run(List<Slot<Q, A>> slots);
    }

    /** One request and, once its round has ended, its outcome. */
    static final class Slot<Q, A> {
        private final Q request;
        private A answer;
        private RuntimeException failure;
        private boolean answered;
        private boolean done; // guarded by the batcher's lock
        private final Condition wakeUp; // its caller waits on it: for its round to end, or to lead the next

        private Slot(Q request, Condition wakeUp) {
            this.request = request;
            this.wakeUp = wakeUp;
        }

        Q request() {
            return request;
        }

        void answer(A value) {
            answer = value;
            answered = true;
        }

        void fail(RuntimeException cause) {
            failure = cause;
            answered = true;
        }
    }

    private final int maxBatch;
    private final int maxInFlight;
    private final int worthAnother;
    private final long gatherNanos;
    private final Round<Q, A> round;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Slot<Q, A>> waiting = new ArrayList<>();
    private int inFlight;
    private int lastRoundSize;
    private Slot<Q, A> gathering; // the caller waiting for the round it is about to lead to fill up, if any

    CallerLedBatches(int maxBatch, int maxInFlight, int worthAnother, Round<Q, A> round) {
        this(maxBatch, maxInFlight, worthAnother, Duration.ZERO, round);
    }

    CallerLedBatches(int maxBatch, int maxInFlight, int worthAnother, Duration gather, Round<Q, A> round) {
        if (maxBatch < 1 || maxInFlight < 1 || worthAnother < 1) {
            throw new IllegalArgumentException("maxBatch, maxInFlight and worthAnother must be at least 1, got "
                    + maxBatch + ", " + maxInFlight + ", " + worthAnother);
        }
        if (gather.isNegative()) {
            throw new IllegalArgumentException("gather must not be negative, got " + gather);
        }
        this.maxBatch = maxBatch;
        this.maxInFlight = maxInFlight;
        this.worthAnother = worthAnother;
        this.gatherNanos = gather.toNanos();
        this.round = round;
    }

    /**
     * One round at a time: every request that arrives while a round runs goes in the next, which is what makes
     * a crowd cheap. ({@code worthAnother} only matters with more than one round in flight.)
     */
    static <Q, A> CallerLedBatches<Q, A> oneAtATime(int maxBatch, Round<Q, A> round) {
        return oneAtATime(maxBatch, Duration.ZERO, round);
    }

    /** One round at a time, each waiting up to {@code gather} for as many requests as the round before carried. */
    static <Q, A> CallerLedBatches<Q, A> oneAtATime(int maxBatch, Duration gather, Round<Q, A> round) {
        return new CallerLedBatches<>(maxBatch, 1, 1, gather, round);
    }

    /** Runs {@code request} in the next round, led by this caller or another, and returns its answer. */
    A submit(Q request) {
        lock.lock();
        try {
            Slot<Q, A> slot = new Slot<>(request, lock.newCondition());
            waiting.add(slot);
            if (gathering != null && waiting.size() >= roundToGather()) {
                gathering.wakeUp.signal();
            }
            while (!slot.done) {
                if (gathering == null && mayLead()) {
                    gather(slot);
                    lead();
                } else {
                    slot.wakeUp.awaitUninterruptibly();
                }
            }
            return outcome(slot);
        } finally {
            lock.unlock();
        }
    }

    private A outcome(Slot<Q, A> slot) {
        if (slot.failure != null) {
            throw slot.failure;
        }
        return slot.answer;
    }

    /** Requests waiting for a round. */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Called holding the lock by the caller about to lead: with no round in flight and fewer requests waiting than
     * the last round carried, waits until as many wait or {@code gather} has passed. Meanwhile nobody else leads.
     */
    private void gather(Slot<Q, A> leader) {
        if (gatherNanos == 0 || inFlight > 0 || waiting.size() >= roundToGather()) {
            return;
        }
        gathering = leader;
        try {
            long left = gatherNanos;
            while (left > 0 && waiting.size() < roundToGather()) {
                left = leader.wakeUp.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the round goes now with whoever waits
        } finally {
            gathering = null;
        }
    }

    private int roundToGather() {
        return Math.min(lastRoundSize, maxBatch);
    }

    private boolean mayLead() {
        return !waiting.isEmpty()
                && (inFlight == 0 || inFlight < maxInFlight && waiting.size() >= worthAnother);
    }

    /**
     * Called holding the lock: takes the waiting requests, runs them without the lock, then wakes their callers
     * and, if requests wait that no round carries, the first of them to lead the next. Only those: waking
     * every waiting caller at each round's end cost more than the rounds.
     */
    private void lead() {
        List<Slot<Q, A>> batch = new ArrayList<>(waiting.subList(0, Math.min(maxBatch, waiting.size())));
        waiting.subList(0, batch.size()).clear();
        inFlight++;
        lastRoundSize = batch.size();
        lock.unlock();
        try {
            round.run(batch);
        } catch (RuntimeException e) {
            batch.stream().filter(slot -> !slot.answered).forEach(slot -> slot.fail(e));
        } finally {
            batch.stream().filter(slot -> !slot.answered).forEach(slot -> slot.fail(
                    new IllegalStateException("a batched round ended without answering " + slot.request)));
            lock.lock();
            inFlight--;
            for (Slot<Q, A> slot : batch) {
                slot.done = true;
                slot.wakeUp.signal();
            }
            if (mayLead()) {
                waiting.getFirst().wakeUp.signal();
            }
        }
    }
}
