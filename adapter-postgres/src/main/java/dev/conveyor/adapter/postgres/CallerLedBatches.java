package dev.conveyor.adapter.postgres;

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
    private final Round<Q, A> round;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Slot<Q, A>> waiting = new ArrayList<>();
    private int inFlight;

    CallerLedBatches(int maxBatch, int maxInFlight, int worthAnother, Round<Q, A> round) {
        if (maxBatch < 1 || maxInFlight < 1 || worthAnother < 1) {
            throw new IllegalArgumentException("maxBatch, maxInFlight and worthAnother must be at least 1, got "
                    + maxBatch + ", " + maxInFlight + ", " + worthAnother);
        }
        this.maxBatch = maxBatch;
        this.maxInFlight = maxInFlight;
        this.worthAnother = worthAnother;
        this.round = round;
    }

    /**
     * One round at a time: every request that arrives while a round runs goes in the next, which is what makes
     * a crowd cheap. ({@code worthAnother} only matters with more than one round in flight.)
     */
    static <Q, A> CallerLedBatches<Q, A> oneAtATime(int maxBatch, Round<Q, A> round) {
        return new CallerLedBatches<>(maxBatch, 1, 1, round);
    }

    /** Runs {@code request} in the next round, led by this caller or another, and returns its answer. */
    A submit(Q request) {
        lock.lock();
        try {
            Slot<Q, A> slot = new Slot<>(request, lock.newCondition());
            waiting.add(slot);
            while (!slot.done) {
                if (mayLead()) {
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
