package dev.conveyor.adapter.rest.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.conveyor.adapter.rest.auth.Caller;
import dev.conveyor.adapter.rest.auth.Secured;
import dev.conveyor.adapter.rest.dto.ProgressMapper;
import dev.conveyor.adapter.rest.error.ApiErrors;
import dev.conveyor.adapter.rest.json.Envelope;
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

/**
 * {@code GET /api/v1/jobs/{id}/progress}, the endpoint frontends poll every 2 s: one read of the stored job,
 * formatted as seed 000's JSON, with an ETag of its content. A poll sending that ETag back in
 * {@code If-None-Match} while nothing changed gets a 304 with no body. (In-step progress writes leave the job's
 * version alone, so the tag is a hash of the content, not the version.)
 */
@Path("/api/v1/jobs/{id}/progress")
@Secured
@Produces(MediaType.APPLICATION_JSON)
public final class ProgressResource {

    private final QueryJobs queries;
    private final ObjectWriter writer;

    public ProgressResource(QueryJobs queries, ObjectWriter writer) {
        this.queries = queries;
        this.writer = writer.forType(Envelope.class);
    }

    @GET
    public Response progress(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                             @Context SecurityContext security) throws JsonProcessingException {
        Caller caller = Requests.caller(security);
        ProgressView view = queries.progress(caller.tenant(), Requests.jobId(id)).orElseThrow(ApiErrors::jobNotFound);
        return Etags.conditional(writer, Envelope.of(ProgressMapper.toDto(view)), ifNoneMatch);
    }
}
