package dev.conveyor.demo;

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
import java.util.concurrent.CancellationException;

/** A step context that records what a step reports, for running one step of the demo on its own. */
final class FakeStepContext implements StepContext {

    final JobId jobId;
    final String stepName;
    final Payload input;
    final int attempt;
    final Map<String, Object> output = new LinkedHashMap<>();
    final List<long[]> progress = new ArrayList<>();
    final List<ReviewItem> reviewRequests = new ArrayList<>();
    double cost;
    volatile boolean cancelled;

    FakeStepContext(JobId jobId, String stepName, Payload input, int attempt) {
        this.jobId = jobId;
        this.stepName = stepName;
        this.input = input;
        this.attempt = attempt;
    }

    static FakeStepContext of(String stepName, Payload input) {
        return new FakeStepContext(JobId.random(), stepName, input, 1);
    }

    @Override
    public JobId jobId() {
        return jobId;
    }

    @Override
    public TenantId tenant() {
        return TenantId.of("acme");
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
        return input;
    }

    @Override
    public Payload output(String earlierStep) {
        return Payload.empty();
    }

    @Override
    public void put(String key, Object value) {
        output.put(key, value);
    }

    @Override
    public void progress(long done, long total) {
        progress.add(new long[] {done, total});
    }

    @Override
    public void addCost(double usd) {
        cost += usd;
    }

    @Override
    public void warn(String message) {
    }

    @Override
    public void requestReview(String itemId, double confidence, String label) {
        reviewRequests.add(new ReviewItem(itemId, confidence, label, stepName));
    }

    @Override
    public List<ReviewDecision> reviewDecisions() {
        return List.of();
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void checkpoint() {
        if (cancelled) {
            throw new CancellationException("cancelled");
        }
    }
}
