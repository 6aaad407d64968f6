package dev.conveyor.adapter.rest.dto;

import java.util.List;
import java.util.Map;

/**
 * A whole job: its input and options, every step with a summary of its output, and open review items. Its
 * progress, {@code estimated_completion_at}, {@code estimated_remaining_seconds} and {@code status_detail} are
 * those of the moment of reading, as in the progress view; {@code cost_usd} is everything spent, over all runs;
 * {@code idempotency_key} is the key the job was submitted under, or null: a client that lost the answer to its
 * submit can tell which of its requests made the job.
 */
public record JobDto(String id, String pipeline, String status, int progress, String currentStep,
                     boolean isProcessing, ErrorDto error, double costUsd, String estimatedCompletionAt,
                     Long estimatedRemainingSeconds, String statusDetail, String unit,
                     Map<String, Object> input, OptionsDto options, String idempotencyKey, List<StepDto> steps,
                     List<ReviewItemDto> reviewItems, List<DecisionDto> reviewDecisions, boolean cancelRequested,
                     String createdAt, String updatedAt, String startedAt, String finishedAt) {

    /**
     * One step's record; {@code output_summary} keeps scalars and gives lists and objects by size;
     * {@code cost_usd} is what the step cost over all its runs, {@code last_run_cost_usd} its current or last run.
     */
    public record StepDto(String name, String status, String startedAt, String completedAt, Long durationMs,
                          int attempts, long unitsDone, long unitsTotal, double costUsd, double lastRunCostUsd,
                          ErrorDto error,
                          List<String> warnings, Map<String, Object> outputSummary) {
    }

    public record ReviewItemDto(String id, double confidence, String label, String requestedBy) {
    }
}
