package dev.conveyor.adapter.rest.dto;

import java.util.List;

/**
 * A job as a list shows it: where it stands and when it should be done, without input, steps or outputs.
 *
 * @param estimatedCompletionAt when the running job should finish, as the worker last computed it (an instant,
 *                              not a countdown, so an unchanged job keeps its ETag between polls)
 * @param idempotencyKey        the key it was submitted under, or null: a client that lost the answers to a batch
 *                              can tell its jobs apart in a list
 */
public record JobSummaryDto(String id, String pipeline, String status, int progress, String currentStep,
                            boolean isProcessing, ErrorDto error, double costUsd, String estimatedCompletionAt,
                            String createdAt, String updatedAt, String finishedAt, String idempotencyKey) {

    /** One page of a tenant's jobs; pass {@code next_cursor} as {@code cursor} for the next one. */
    public record Page(List<JobSummaryDto> jobs, String nextCursor) {
    }
}
