package dev.conveyor.adapter.rest.dto;

import dev.conveyor.model.ProgressView;

/** Formats the port's progress view as the JSON a polling frontend reads (snake_case fields). */
public final class ProgressMapper {

    private ProgressMapper() {
    }

    public static ProgressDto toDto(ProgressView view) {
        var steps = view.steps().stream().map(step -> new ProgressDto.ProgressStepDto(step.name(),
                step.status().wireName(), Wire.instant(step.startedAt()), Wire.instant(step.completedAt()),
                step.durationMs().orElse(null), step.unitsDone().orElse(null), step.unitsTotal().orElse(null)))
                .toList();
        return new ProgressDto(view.jobId().toString(), view.status(), view.pipelineProgress(),
                view.currentStep().orElse(null), steps, view.isProcessing(), view.error().map(ErrorDto::of).orElse(null),
                view.estimatedRemainingSeconds().orElse(null), Wire.instant(view.estimatedCompletionAt()),
                view.statusDetail().orElse(null), view.unit().orElse(null), Wire.usd(view.costSoFarUsd()));
    }
}
