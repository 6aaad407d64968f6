package dev.conveyor.core.service;

import dev.conveyor.core.eta.EtaEstimator;
import dev.conveyor.core.run.Standing;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.ProgressView;
import dev.conveyor.model.StepRecord;
import dev.conveyor.pipeline.Estimate;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.StepDefinition;

import java.time.Instant;
import java.util.Optional;

/** Formats a stored job as the progress view: where it {@link Standing stands} at the moment of reading. */
public final class ProgressFormat {

    private ProgressFormat() {
    }

    public static ProgressView of(Job job, Optional<PipelineDefinition> pipeline, EtaEstimator eta, Instant now) {
        String status = job.status().wireName();
        Optional<StepDefinition> running = job.status() == JobStatus.RUNNING
                ? job.currentStep().flatMap(step -> pipeline.flatMap(p -> p.step(step))) : Optional.empty();
        if (job.status() == JobStatus.RUNNING && job.currentStep().isPresent()) {
            status = running.map(StepDefinition::runningLabel).orElse(job.currentStep().get());
        }
        Standing standing = Standing.of(job, pipeline, eta, now);
        Optional<Long> remaining = standing.remainingSeconds().map(ProgressFormat::ceilSeconds);
        var steps = job.steps().stream().map(ProgressFormat::step).toList();
        Optional<String> unit = running.map(StepDefinition::estimate)
                .flatMap(estimate -> estimate instanceof Estimate.PerUnit perUnit
                        ? Optional.of(perUnit.unitsKey()) : Optional.empty());
        return new ProgressView(job.id(), status, standing.progress(), job.currentStep(), steps, job.processing(),
                job.error(), remaining, standing.completionAt(),
                standing.statusDetail(), unit,
                job.costUsd());
    }

    private static ProgressView.StepView step(StepRecord step) {
        boolean known = step.unitsTotal() > 0;
        return new ProgressView.StepView(step.name(), step.status(), step.startedAt(), step.completedAt(),
                step.durationMs(), known ? Optional.of(step.unitsDone()) : Optional.empty(),
                known ? Optional.of(step.unitsTotal()) : Optional.empty());
    }

    /** Whole seconds, rounded up: a job with 0.2 s left reads 1 until it is done. */
    private static long ceilSeconds(double seconds) {
        return seconds <= 0.0 ? 0L : (long) Math.ceil(seconds - 1e-9);
    }
}
