package dev.conveyor.bench;

import dev.conveyor.model.Job;

import java.time.Duration;
import java.time.Instant;

/**
 * A moment of a replayed job at which the estimators are asked for the remaining seconds.
 *
 * @param mark          the progress percentage (or share of the true duration) this moment stands for
 * @param job           the job as the store holds it then
 * @param progress      its {@code pipeline_progress}, unrounded
 * @param trueRemaining the seconds the job really still ran
 * @param trace         the job's trace: for the oracle reference only, never for a real estimator
 */
record Checkpoint(int mark, Job job, Instant now, double progress, double trueRemaining, JobTrace trace) {

    /** Seconds since the job started running. */
    double elapsed() {
        return Duration.between(job.startedAt().orElseThrow(), now).toNanos() / 1e9;
    }
}
