package dev.conveyor.adapter.rest.resource;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.conveyor.adapter.rest.auth.Caller;
import dev.conveyor.adapter.rest.auth.Secured;
import dev.conveyor.adapter.rest.dto.ProgressMapper;
import dev.conveyor.adapter.rest.error.ApiErrors;
import dev.conveyor.adapter.rest.json.Envelope;
import dev.conveyor.model.JobId;
import dev.conveyor.model.ProgressView;
import dev.conveyor.port.in.QueryJobs;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.io.IOException;

/**
 * {@code GET /api/v1/jobs/{id}/progress}, the endpoint frontends poll every 2 s: one read of the stored job,
 * formatted as the progress JSON, with an ETag of its content. A poll sending that ETag back in
 * {@code If-None-Match} while nothing changed gets a 304 with no body. (In-step progress writes leave the job's
 * version alone, so the tag is a hash of the content, not the version.) A view equal to the one its job showed
 * last reuses that body and tag ({@link LastBodies}).
 */
@Path("/api/v1/jobs/{id}/progress")
@Secured
@Produces(MediaType.APPLICATION_JSON)
public final class ProgressResource {

    /**
     * Jobs whose last body is kept (a body is about 1 kB): enough for every job a busy deployment's frontends
     * poll at once; past it, the jobs polled least are forgotten first.
     */
    private static final int POLLED_JOBS = 16_384;

    private final QueryJobs queries;
    private final ObjectWriter writer;
    private final LastBodies<JobId, ProgressView> bodies = new LastBodies<>(POLLED_JOBS);

    public ProgressResource(QueryJobs queries, ObjectWriter writer) {
        this.queries = queries;
        this.writer = writer.forType(Envelope.class);
    }

    @GET
    public Response progress(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                             @Context SecurityContext security) throws IOException {
        Caller caller = Requests.caller(security);
        JobId jobId = Requests.jobId(id);
        ProgressView view = queries.progress(caller.tenant(), jobId).orElseThrow(ApiErrors::jobNotFound);
        return Etags.conditional(bodies.body(jobId, view,
                shown -> writer.writeValueAsBytes(Envelope.of(ProgressMapper.toDto(shown)))), ifNoneMatch);
    }
}
