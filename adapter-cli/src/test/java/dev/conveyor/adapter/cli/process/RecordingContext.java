package dev.conveyor.adapter.cli.process;

import dev.conveyor.model.JobId;
import dev.conveyor.model.Payload;
import dev.conveyor.model.ReviewDecision;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.StepContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/** A step context that keeps what the step reported, for running one step outside an engine. */
final class RecordingContext implements StepContext {

    final JobId id = JobId.random();
    final Map<String, Object> output = new LinkedHashMap<>();
    final Map<String, Payload> earlier = new LinkedHashMap<>();
    final List<String> warnings = new ArrayList<>();
    final List<String> reviews = new ArrayList<>();
    volatile long done;
    volatile long total;
    volatile double cost;
    volatile boolean cancelled;
    /** Runs before each answer to {@link #isCancelled()}: lets a test stop the step at a chosen moment. */
    volatile Runnable beforeCancelCheck = () -> { };
    private final Payload input;

    RecordingContext(Payload input) {
        this.input = input;
    }

    @Override public JobId jobId() { return id; }
    @Override public TenantId tenant() { return TenantId.of("t"); }
    @Override public String stepName() { return "step"; }
    @Override public int attempt() { return 1; }
    @Override public Payload input() { return input; }
    @Override public Payload output(String stepName) { return earlier.getOrDefault(stepName, Payload.empty()); }
    @Override public synchronized void put(String key, Object value) { output.put(key, value); }
    @Override public void progress(long unitsDone, long unitsTotal) { done = unitsDone; total = unitsTotal; }
    @Override public synchronized void addCost(double usd) { cost += usd; }
    @Override public synchronized void warn(String message) { warnings.add(message); }
    @Override public synchronized void requestReview(String itemId, double confidence, String label) {
        reviews.add(itemId + " " + confidence + " " + label);
    }
    @Override public List<ReviewDecision> reviewDecisions() { return List.of(); }
    @Override public boolean isCancelled() {
        beforeCancelCheck.run();
        return cancelled;
    }
    @Override public void checkpoint() {
        if (cancelled) {
            throw new CancellationException("cancelled");
        }
    }
}
