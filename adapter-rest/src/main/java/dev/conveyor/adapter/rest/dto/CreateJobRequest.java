package dev.conveyor.adapter.rest.dto;

import dev.conveyor.adapter.rest.json.JsonRequest;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /jobs}: {@code {"pipeline": …, "input": {…}, "options": {…}, "start": false}}, and in a
 * batch each job's {@code "idempotency_key"} (a single {@code POST /jobs} takes it as the {@code Idempotency-Key}
 * header, or here).
 */
public record CreateJobRequest(String pipeline, Map<String, Object> input, Options options, Boolean start,
                               String idempotencyKey) implements JsonRequest {

    /** The job's pipeline options (start from a step, skip review, force re-processing, …); every one may be left out. */
    public record Options(String startFrom, Boolean skipReview, Boolean forceReprocess, Double autoApproveAbove,
                          Boolean notifyOnReview, List<String> continuePastFailure) implements JsonRequest {
    }
}
