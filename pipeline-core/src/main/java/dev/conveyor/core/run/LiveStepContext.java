package dev.conveyor.core.run;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.Payload;
import dev.conveyor.model.ReviewDecision;
import dev.conveyor.model.ReviewItem;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.StepContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The context of one running step. Progress reports only write fields and raise a dirty flag; the
 * {@link ProgressFlusher} turns them into at most one store write per interval.
 */
final class LiveStepContext implements StepContext {

    private final Job job;
    private final String stepName;
    private final int index;
    private final double costBefore;
    private final double stepCostBefore;
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final DoubleAdder cost = new DoubleAdder();
    private final Map<String, Object> output = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<ReviewItem> reviewRequests = new ArrayList<>();
    private volatile int attempt = 1;
    private volatile long done;
    private volatile long total;
    private volatile String stopReason;
    private volatile boolean timedOut;
    /** The step's thread while it waits between attempts, for a stop to wake it; guarded by {@code this}. */
    private Thread waiting;

    LiveStepContext(Job job, int index) {
        this.job = job;
        this.index = index;
        this.stepName = job.steps().get(index).name();
        this.stepCostBefore = job.steps().get(index).costUsd();
        this.costBefore = job.costUsd();
    }

    @Override
    public JobId jobId() {
        return job.id();
    }

    @Override
    public TenantId tenant() {
        return job.tenant();
    }

    @Override
    public String stepName() {
        return stepName;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public Payload input() {
        return job.input();
    }

    @Override
    public Payload output(String earlierStep) {
        return job.step(earlierStep).map(s -> s.output()).orElse(Payload.empty());
    }

    @Override
    public synchronized void put(String key, Object value) {
        output.put(Objects.requireNonNull(key, "output key must not be null"), value);
    }

    @Override
    public void progress(long unitsDone, long unitsTotal) {
        if (unitsDone < 0 || unitsTotal < 0) {
            throw new IllegalArgumentException("progress must not be negative, got " + unitsDone + "/" + unitsTotal);
        }
        done = unitsDone;
        total = unitsTotal;
        if (!dirty.getPlain()) {
            dirty.setRelease(true);
        }
    }

    @Override
    public void addCost(double usd) {
        if (!(usd >= 0.0) || Double.isInfinite(usd)) {
            throw new IllegalArgumentException("cost must be a finite number >= 0, got " + usd);
        }
        cost.add(usd);
        dirty.setRelease(true);
    }

    @Override
    public synchronized void warn(String message) {
        warnings.add(Objects.requireNonNull(message, "warning must not be null"));
    }

    @Override
    public synchronized void requestReview(String itemId, double confidence, String label) {
        reviewRequests.add(new ReviewItem(itemId, confidence, label, stepName));
    }

    @Override
    public List<ReviewDecision> reviewDecisions() {
        return job.reviewDecisions();
    }

    @Override
    public boolean isCancelled() {
        return stopReason != null || timedOut;
    }

    @Override
    public void checkpoint() {
        if (stopReason != null) {
            throw new CancellationException(stopReason);
        }
        if (timedOut) {
            throw new CancellationException("step attempt timed out");
        }
    }

    /** Tells the step to stop; a thread waiting between its attempts is woken at once. */
    void stop(String reason) {
        synchronized (this) {
            if (stopReason == null) {
                stopReason = reason;
            }
            if (waiting != null) {
                waiting.interrupt();
            }
        }
    }

    /**
     * Marks the calling thread as waiting between attempts (a back-off or a retry-after), so that a stop interrupts
     * the wait.
     *
     * @return false when the step was already told to stop: do not wait
     */
    synchronized boolean beginWait() {
        if (stopReason != null) {
            return false;
        }
        waiting = Thread.currentThread();
        return true;
    }

    /**
     * Ends the wait. A stop's interrupt that came as the wait ended is cleared, so that the worker goes on to
     * write the stop without a stray interrupt.
     */
    synchronized void endWait() {
        waiting = null;
        if (stopReason != null) {
            Thread.interrupted();
        }
    }

    /** Why the step must stop (cancelled, lease lost), or null. */
    String stopReason() {
        return stopReason;
    }

    void markTimedOut() {
        timedOut = true;
    }

    /** Starts the next attempt: the output and partial results of a failed attempt are dropped. */
    synchronized void nextAttempt(int number) {
        attempt = number;
        timedOut = false;
        output.clear();
        warnings.clear();
        reviewRequests.clear();
    }

    int index() {
        return index;
    }

    Job job() {
        return job;
    }

    /** Clears the dirty flag; true if there was something new to write. */
    boolean takeDirty() {
        return dirty.getAndSet(false);
    }

    long unitsDone() {
        long t = total;
        return t > 0 ? Math.min(done, t) : done;
    }

    long unitsTotal() {
        return total;
    }

    double stepCost() {
        return stepCostBefore + cost.sum();
    }

    double jobCost() {
        return costBefore + cost.sum();
    }

    synchronized Payload outputPayload() {
        return new Payload(output);
    }

    synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    synchronized List<ReviewItem> reviewRequests() {
        return List.copyOf(reviewRequests);
    }
}
