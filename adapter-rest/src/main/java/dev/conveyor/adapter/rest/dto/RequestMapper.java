package dev.conveyor.adapter.rest.dto;

import dev.conveyor.adapter.rest.error.ApiErrors;
import dev.conveyor.adapter.rest.error.ApiException;
import dev.conveyor.model.IdempotencyKey;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.ReviewDecision;
import dev.conveyor.model.TenantId;
import dev.conveyor.port.in.SubmitJob;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns request bodies into port commands, refusing what the ports would not take with a 400 naming the field. */
public final class RequestMapper {

    static final int MAX_COMMENT = 2_000;

    private RequestMapper() {
    }

    public static SubmitJob submit(TenantId tenant, CreateJobRequest request) {
        return submit(tenant, request, null);
    }

    /**
     * The command of {@code POST /jobs}, idempotent under the {@code Idempotency-Key} header's key when there is one
     * (or the body's {@code idempotency_key}; both at once must agree).
     */
    public static SubmitJob submit(TenantId tenant, CreateJobRequest request, String headerKey) {
        if (request == null) {
            throw ApiErrors.badRequest("empty_body", "The request body is empty: send a JSON object such as "
                    + "{\"pipeline\": \"demo\", \"input\": {\"files\": 3}}.");
        }
        if (request.pipeline() == null || request.pipeline().isBlank()) {
            throw invalidField("pipeline", "is required: the name of a pipeline (GET /api/v1/pipelines lists them)");
        }
        SubmitJob command = new SubmitJob(tenant, request.pipeline(), input(request.input()),
                options(request.options()), Boolean.TRUE.equals(request.start()));
        Optional<IdempotencyKey> key = idempotencyKey(headerKey, request.idempotencyKey());
        return key.isPresent() ? command.withIdempotencyKey(key.get()) : command;
    }

    private static Optional<IdempotencyKey> idempotencyKey(String header, String field) {
        if (header != null && field != null && !header.equals(field)) {
            throw ApiErrors.invalidIdempotencyKey("The Idempotency-Key header and field 'idempotency_key' differ; "
                    + "send the key once, in either.");
        }
        String key = header != null ? header : field;
        if (key == null) {
            return Optional.empty();
        }
        Optional<String> problem = IdempotencyKey.problem(key);
        if (problem.isPresent()) {
            throw ApiErrors.invalidIdempotencyKey((header != null ? "Header 'Idempotency-Key'" : "Field "
                    + "'idempotency_key'") + ": " + problem.get() + ". Use a unique id of your own for each request, "
                    + "such as a UUID.");
        }
        return Optional.of(IdempotencyKey.of(key));
    }

    /**
     * The commands of a batch, one per job in order: each a {@link SubmitJob}, or the error {@link #submit}
     * raises for that job alone. Refuses the whole request only when it holds no list of jobs, or more than
     * {@code max}.
     */
    public static List<BatchItem> submitAll(TenantId tenant, BatchJobsRequest request, int max) {
        if (request == null || request.jobs() == null) {
            throw invalidField("jobs", "is required: a list of jobs, each as POST /api/v1/jobs takes it, such as "
                    + "{\"jobs\": [{\"pipeline\": \"demo\", \"input\": {\"files\": 3}}]}");
        }
        if (request.jobs().isEmpty()) {
            throw invalidField("jobs", "must hold at least one job (and at most " + max + ")");
        }
        if (request.jobs().size() > max) {
            throw ApiErrors.tooManyItems("jobs", request.jobs().size(), max);
        }
        List<BatchItem> commands = new ArrayList<>(request.jobs().size());
        for (int i = 0; i < request.jobs().size(); i++) {
            CreateJobRequest job = request.jobs().get(i);
            if (job == null) {
                commands.add(new BatchItem.Invalid(new ErrorDto("invalid_field", "Field 'jobs[" + i + "]' must be "
                        + "an object such as {\"pipeline\": \"demo\", \"input\": {\"files\": 3}}.")));
                continue;
            }
            try {
                commands.add(new BatchItem.Valid(submit(tenant, job)));
            } catch (ApiException refused) {
                commands.add(new BatchItem.Invalid(new ErrorDto(refused.code(), refused.getMessage())));
            }
        }
        return commands;
    }

    public static List<ReviewDecision> decisions(ResumeRequest request) {
        if (request == null || request.decisions() == null) {
            throw invalidField("decisions", "is required: a list with one {\"item_id\": …, \"approved\": true|false} "
                    + "per open review item (GET the job to see its review_items)");
        }
        List<ReviewDecision> decisions = new ArrayList<>();
        for (int i = 0; i < request.decisions().size(); i++) {
            DecisionDto decision = request.decisions().get(i);
            String field = "decisions[" + i + "]";
            if (decision == null) {
                throw invalidField(field, "must be an object such as {\"item_id\": \"a\", \"approved\": true}");
            }
            if (decision.itemId() == null || decision.itemId().isBlank()) {
                throw invalidField(field + ".item_id", "is required: the id of a review item");
            }
            if (decision.approved() == null) {
                throw invalidField(field + ".approved", "is required: true or false");
            }
            if (decision.comment() != null && decision.comment().length() > MAX_COMMENT) {
                throw invalidField(field + ".comment", "must be at most " + MAX_COMMENT + " characters");
            }
            decisions.add(new ReviewDecision(decision.itemId(), decision.approved(),
                    Optional.ofNullable(decision.comment())));
        }
        return decisions;
    }

    private static Payload input(Map<String, Object> input) {
        if (input == null) {
            return Payload.empty();
        }
        try {
            return new Payload(input);
        } catch (IllegalArgumentException e) {
            throw invalidField("input", "must hold JSON values only, with finite numbers");
        }
    }

    private static PipelineOptions options(CreateJobRequest.Options options) {
        PipelineOptions result = PipelineOptions.defaults();
        if (options == null) {
            return result;
        }
        if (options.startFrom() != null) {
            result = result.withStartFrom(options.startFrom());
        }
        if (options.skipReview() != null) {
            result = result.withSkipReview(options.skipReview());
        }
        if (options.forceReprocess() != null) {
            result = result.withForceReprocess(options.forceReprocess());
        }
        if (options.autoApproveAbove() != null) {
            double threshold = options.autoApproveAbove();
            if (!(threshold >= 0.0 && threshold <= 1.0)) {
                throw invalidField("options.auto_approve_above", "must be a number from 0 to 1");
            }
            result = result.withAutoApproveAbove(threshold);
        }
        if (options.notifyOnReview() != null) {
            result = result.withNotifyOnReview(options.notifyOnReview());
        }
        if (options.continuePastFailure() != null) {
            if (options.continuePastFailure().stream().anyMatch(step -> step == null || step.isBlank())) {
                throw invalidField("options.continue_past_failure", "must be a list of step names");
            }
            result = result.withContinuePastFailure(new HashSet<>(options.continuePastFailure()));
        }
        return result;
    }

    private static ApiException invalidField(String field, String rule) {
        return ApiErrors.badRequest("invalid_field", "Field '" + field + "' " + rule + ".");
    }
}
