package dev.conveyor.adapter.rest.dto;

import java.util.List;

/**
 * The progress response a frontend polls every 2 s (job, status, per-step status and timings, percent, ETA, cost),
 * and beside it the completion time
 * ({@code estimated_completion_at}, ISO-8601 UTC to the millisecond), {@code status_detail}
 * ({@code "taking longer than usual"} or null) and the running step's {@code unit} ({@code files}, or null).
 */
public record ProgressDto(String jobId, String status, int pipelineProgress, String currentStep,
                          List<ProgressStepDto> steps, boolean isProcessing, ErrorDto error,
                          Long estimatedRemainingSeconds, String estimatedCompletionAt, String statusDetail,
                          String unit, double costSoFarUsd) {

    /** One entry of {@code steps[]}: absent times, durations and units (a step that reported none) are null. */
    public record ProgressStepDto(String name, String status, String startedAt, String completedAt, Long durationMs,
                                  Long unitsDone, Long unitsTotal) {
    }
}
