package dev.conveyor.adapter.rest.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.conveyor.adapter.rest.auth.Caller;
import dev.conveyor.adapter.rest.auth.Secured;
import dev.conveyor.adapter.rest.dto.CreateJobRequest;
import dev.conveyor.adapter.rest.dto.JobMapper;
import dev.conveyor.adapter.rest.dto.RequestMapper;
import dev.conveyor.adapter.rest.error.ApiErrors;
import dev.conveyor.adapter.rest.error.Refusals;
import dev.conveyor.adapter.rest.json.Envelope;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobPage;
import dev.conveyor.model.JobQuery;
import dev.conveyor.model.JobStatus;
import dev.conveyor.port.in.ManageJobs;
import dev.conveyor.port.in.QueryJobs;
import dev.conveyor.port.in.Submitted;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code POST /api/v1/jobs} creates a job; {@code GET /api/v1/jobs} lists the caller's jobs, a page at a time, with
 * an ETag so a dashboard polling an unchanged list gets a 304.
 */
@Path("/api/v1/jobs")
@Secured
@Produces(MediaType.APPLICATION_JSON)
public final class JobsResource {

    static final int DEFAULT_LIMIT = 50;
    /** The request header that makes a submit idempotent. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Set on a 200 that answers a repeated submit with the job the first one created. */
    public static final String REPLAYED = "Idempotent-Replayed";

    private final ManageJobs commands;
    private final QueryJobs queries;
    private final ObjectWriter writer;

    public JobsResource(ManageJobs commands, QueryJobs queries, ObjectWriter writer) {
        this.commands = commands;
        this.queries = queries;
        this.writer = writer.forType(Envelope.class);
    }

    /**
     * 201 with the new job; with an {@code Idempotency-Key} the tenant already used for the same request, 200 with
     * that job and {@code Idempotent-Replayed: true}; for a different request, 409 {@code idempotency_conflict}.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateJobRequest request, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
                           @Context SecurityContext security) {
        Caller caller = Requests.caller(security);
        Submitted submitted = Refusals.accepted(commands.submitOrReplay(
                RequestMapper.submit(caller.tenant(), request, idempotencyKey)));
        Job job = submitted.job();
        Response.ResponseBuilder response = submitted.replayed()
                ? Response.ok().header(REPLAYED, "true")
                : Response.created(URI.create("/api/v1/jobs/" + job.id()));
        return response.entity(Envelope.of(JobMapper.toDto(job))).build();
    }

    @GET
    public Response list(@QueryParam("status") String status, @QueryParam("pipeline") String pipeline,
                         @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                         @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                         @Context SecurityContext security) throws JsonProcessingException {
        Caller caller = Requests.caller(security);
        JobQuery query = new JobQuery(status(status), pipeline(pipeline), limit(limit), cursor(cursor));
        JobPage page;
        try {
            page = queries.list(caller.tenant(), query);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.invalidParameter("cursor", "is not one this API gave out: pass the next_cursor of "
                    + "the previous page, or leave it out for the first page");
        }
        return Etags.conditional(writer, Envelope.of(JobMapper.toPage(page)), ifNoneMatch);
    }

    private static Optional<JobStatus> status(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        for (JobStatus status : JobStatus.values()) {
            if (status.wireName().equals(text.toLowerCase(Locale.ROOT))) {
                return Optional.of(status);
            }
        }
        throw ApiErrors.invalidParameter("status", "must be one of " + Arrays.stream(JobStatus.values())
                .map(JobStatus::wireName).collect(Collectors.joining(", ")));
    }

    private static Optional<String> pipeline(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        if (text.length() > 64) {
            throw ApiErrors.invalidParameter("pipeline", "must be a pipeline name (at most 64 characters)");
        }
        return Optional.of(text);
    }

    private static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= JobQuery.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiErrors.invalidParameter("limit", "must be a whole number from 1 to " + JobQuery.MAX_LIMIT);
    }

    private static Optional<String> cursor(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        if (text.length() > 512) {
            throw ApiErrors.invalidParameter("cursor", "is not one this API gave out");
        }
        return Optional.of(text);
    }
}
