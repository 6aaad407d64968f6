package dev.conveyor.adapter.rest.dto;

import java.util.List;
import java.util.Map;

/** A whole job: its input and options, every step with a summary of its output, and open review items. */
public record JobDto(String id, String pipeline, String status, int progress, String currentStep,
                     boolean isProcessing, ErrorDto error, double costUsd, String estimatedCompletionAt,
                     Map<String, Object> input, OptionsDto options, List<StepDto> steps,
                     List<ReviewItemDto> reviewItems, List<DecisionDto> reviewDecisions, boolean cancelRequested,
                     String createdAt, String updatedAt, String startedAt, String finishedAt) {

    /** One step's record; {@code output_summary} keeps scalars and gives lists and objects by size. */
    public record StepDto(String name, String status, String startedAt, String completedAt, Long durationMs,
                          int attempts, long unitsDone, long unitsTotal, double costUsd, ErrorDto error,
                          List<String> warnings, Map<String, Object> outputSummary) {
    }

    public record ReviewItemDto(String id, double confidence, String label, String requestedBy) {
    }
}
