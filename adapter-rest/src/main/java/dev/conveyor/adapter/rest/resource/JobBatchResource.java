package dev.conveyor.adapter.rest.resource;

import dev.conveyor.adapter.rest.auth.Caller;
import dev.conveyor.adapter.rest.auth.Secured;
import dev.conveyor.adapter.rest.dto.BatchItem;
import dev.conveyor.adapter.rest.dto.BatchJobsRequest;
import dev.conveyor.adapter.rest.dto.BatchResultDto;
import dev.conveyor.adapter.rest.dto.ErrorDto;
import dev.conveyor.adapter.rest.dto.JobMapper;
import dev.conveyor.adapter.rest.dto.RequestMapper;
import dev.conveyor.adapter.rest.error.ApiException;
import dev.conveyor.adapter.rest.error.Refusals;
import dev.conveyor.adapter.rest.json.Envelope;
import dev.conveyor.port.in.ManageJobs;
import dev.conveyor.port.in.Outcome;
import dev.conveyor.port.in.SubmitJob;
import dev.conveyor.port.in.Submitted;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code POST /api/v1/jobs/batch} creates up to {@value #MAX_JOBS} jobs in one request, each as
 * {@code POST /api/v1/jobs} would, and answers one result per job in the order sent: the job, or the error
 * that job alone earned. The valid ones are stored together, in one write. Each job may carry its own
 * {@code idempotency_key}: a job whose key already created a job answers that job ({@code replayed}), or
 * {@code idempotency_conflict} for a different request.
 */
@Path("/api/v1/jobs/batch")
@Secured
@Produces(MediaType.APPLICATION_JSON)
public final class JobBatchResource {

    static final int MAX_JOBS = 1_000;

    private final ManageJobs commands;

    public JobBatchResource(ManageJobs commands) {
        this.commands = commands;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(BatchJobsRequest request, @Context SecurityContext security) {
        Caller caller = Requests.caller(security);
        List<BatchItem> items = RequestMapper.submitAll(caller.tenant(), request, MAX_JOBS);
        List<SubmitJob> valid = items.stream()
                .flatMap(item -> item instanceof BatchItem.Valid(SubmitJob command) ? Stream.of(command)
                        : Stream.empty())
                .toList();
        Iterator<Outcome<Submitted>> submitted = commands.submitAllOrReplay(valid).iterator();
        List<BatchResultDto.Result> results = new ArrayList<>(items.size());
        int accepted = 0;
        for (BatchItem item : items) {
            BatchResultDto.Result result = switch (item) {
                case BatchItem.Invalid(ErrorDto error) -> new BatchResultDto.Result(null, error, false);
                case BatchItem.Valid ignored -> result(submitted.next());
            };
            accepted += result.job() != null ? 1 : 0;
            results.add(result);
        }
        return Response.ok(Envelope.of(new BatchResultDto(accepted, items.size() - accepted, results))).build();
    }

    private static BatchResultDto.Result result(Outcome<Submitted> outcome) {
        return switch (outcome) {
            case Outcome.Accepted<Submitted>(Submitted submitted) ->
                    new BatchResultDto.Result(JobMapper.toDto(submitted.job()), null, submitted.replayed());
            case Outcome.Rejected<Submitted>(var rejection) -> {
                ApiException refused = Refusals.of(rejection);
                yield new BatchResultDto.Result(null, new ErrorDto(refused.code(), refused.getMessage()), false);
            }
        };
    }
}
