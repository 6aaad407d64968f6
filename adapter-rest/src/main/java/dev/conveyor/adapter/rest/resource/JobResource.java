package dev.conveyor.adapter.rest.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.conveyor.adapter.rest.auth.Caller;
import dev.conveyor.adapter.rest.auth.Secured;
import dev.conveyor.adapter.rest.dto.JobMapper;
import dev.conveyor.adapter.rest.dto.RequestMapper;
import dev.conveyor.adapter.rest.dto.ResumeRequest;
import dev.conveyor.adapter.rest.dto.StartedDto;
import dev.conveyor.adapter.rest.error.ApiErrors;
import dev.conveyor.adapter.rest.error.Refusals;
import dev.conveyor.adapter.rest.json.Envelope;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobView;
import dev.conveyor.port.in.ManageJobs;
import dev.conveyor.port.in.QueryJobs;
import dev.conveyor.port.in.Started;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * One job: {@code GET /api/v1/jobs/{id}} (with an ETag, for the dashboard's job page to poll), and the commands on
 * it. Starting work answers 202 (it goes on in the
 * background); a cancel answers 200 once the job is cancelled, 202 while its step is still stopping.
 */
@Path("/api/v1/jobs/{id}")
@Secured
@Produces(MediaType.APPLICATION_JSON)
public final class JobResource {

    private final ManageJobs commands;
    private final QueryJobs queries;
    private final ObjectWriter writer;

    public JobResource(ManageJobs commands, QueryJobs queries, ObjectWriter writer) {
        this.commands = commands;
        this.queries = queries;
        this.writer = writer.forType(Envelope.class);
    }

    @GET
    public Response job(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                        @Context SecurityContext security) throws JsonProcessingException {
        Caller caller = Requests.caller(security);
        JobView view = queries.view(caller.tenant(), Requests.jobId(id)).orElseThrow(ApiErrors::jobNotFound);
        return Etags.conditional(writer, Envelope.of(JobMapper.toDto(view)), ifNoneMatch);
    }

    @POST
    @Path("process")
    public Response process(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Requests.caller(security);
        Started started = Refusals.accepted(commands.process(caller.tenant(), Requests.jobId(id)));
        return Response.accepted(Envelope.of(new StartedDto(JobMapper.toDto(started.job()),
                started.estimatedDurationSeconds().orElse(null)))).build();
    }

    @POST
    @Path("retry")
    public Response retry(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Requests.caller(security);
        Job job = Refusals.accepted(commands.retry(caller.tenant(), Requests.jobId(id)));
        return Response.accepted(Envelope.of(JobMapper.toDto(job))).build();
    }

    @POST
    @Path("resume")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response resume(@PathParam("id") String id, ResumeRequest request, @Context SecurityContext security) {
        Caller caller = Requests.caller(security);
        var decisions = RequestMapper.decisions(request);
        Job job = Refusals.accepted(commands.resume(caller.tenant(), Requests.jobId(id), decisions));
        return Response.accepted(Envelope.of(JobMapper.toDto(job))).build();
    }

    @POST
    @Path("cancel")
    public Response cancel(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Requests.caller(security);
        Job job = Refusals.accepted(commands.cancel(caller.tenant(), Requests.jobId(id)));
        return Response.status(job.processing() ? 202 : 200).entity(Envelope.of(JobMapper.toDto(job))).build();
    }
}
