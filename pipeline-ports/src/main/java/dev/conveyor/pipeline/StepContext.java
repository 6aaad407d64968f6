package dev.conveyor.pipeline;

import dev.conveyor.model.JobId;
import dev.conveyor.model.Payload;
import dev.conveyor.model.ReviewDecision;
import dev.conveyor.model.TenantId;

import java.util.List;

/**
 * A step's view of its job while it runs. Progress reports are cheap (a few field writes): report as
 * often as you like; the engine writes them to the store at most every 250 ms.
 */
public interface StepContext {

    JobId jobId();

    TenantId tenant();

    String stepName();

    /** 1 on the first try, 2 on the first retry, … */
    int attempt();

    /** The job's input. */
    Payload input();

    /** The output an earlier step stored, or an empty payload if it stored none or was skipped. */
    Payload output(String stepName);

    /** Stores one entry of this step's output (kept when the step completes). */
    void put(String key, Object value);

    /** Reports units of work done out of a total: blocks translated of total blocks, files of files. */
    void progress(long done, long total);

    /** Adds to this job's cost, e.g. the price of an LLM call, in US dollars. */
    void addCost(double usd);

    /** Records a partial result: the step completes with this warning and the job goes on. */
    void warn(String message);

    /** Asks a human to check an item; the next review gate pauses for it unless its confidence is high enough. */
    void requestReview(String itemId, double confidence, String label);

    /** The decisions given when the job was resumed after a review gate; empty before that. */
    List<ReviewDecision> reviewDecisions();

    /** True once the job has been cancelled or this attempt has run out of time: stop soon. */
    boolean isCancelled();

    /** Throws {@link java.util.concurrent.CancellationException} if {@link #isCancelled()}: a checkpoint. */
    void checkpoint();
}
