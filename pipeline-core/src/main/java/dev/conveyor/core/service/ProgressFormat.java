package dev.conveyor.core.service;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.ProgressView;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.StepDefinition;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Formats a stored job as seed 000's progress view. Computes nothing but the seconds left until the stored ETA. */
public final class ProgressFormat {

    private ProgressFormat() {
    }

    public static ProgressView of(Job job, Optional<PipelineDefinition> pipeline, Instant now) {
        String status = job.status().wireName();
        if (job.status() == JobStatus.RUNNING && job.currentStep().isPresent()) {
            String step = job.currentStep().get();
            status = pipeline.flatMap(p -> p.step(step)).map(StepDefinition::runningLabel).orElse(step);
        }
        Optional<Long> remaining = job.processing()
                ? job.estimatedCompletionAt().map(at -> Math.max(0, ceilSeconds(Duration.between(now, at))))
                : Optional.empty();
        var steps = job.steps().stream().map(s -> new ProgressView.StepView(s.name(), s.status(), s.startedAt(),
                s.completedAt(), s.durationMs())).toList();
        return new ProgressView(job.id(), status, job.progress(), job.currentStep(), steps, job.processing(),
                job.error(), remaining, job.costUsd());
    }

    private static long ceilSeconds(Duration d) {
        long millis = d.toMillis();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }
}
