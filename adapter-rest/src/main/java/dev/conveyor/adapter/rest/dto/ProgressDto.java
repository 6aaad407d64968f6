package dev.conveyor.adapter.rest.dto;

import java.util.List;

/** Seed 000's progress response, with {@code job_id} for {@code project_id}. */
public record ProgressDto(String jobId, String status, int pipelineProgress, String currentStep,
                          List<ProgressStepDto> steps, boolean isProcessing, ErrorDto error,
                          Long estimatedRemainingSeconds, double costSoFarUsd) {

    /** One entry of {@code steps[]}: absent times and durations are null. */
    public record ProgressStepDto(String name, String status, String startedAt, String completedAt, Long durationMs) {
    }
}
