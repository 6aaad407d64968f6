package dev.conveyor.adapter.rest.resource;

import dev.conveyor.adapter.rest.auth.Secured;
import dev.conveyor.adapter.rest.dto.PipelineMapper;
import dev.conveyor.adapter.rest.json.Envelope;
import dev.conveyor.port.in.QueryJobs;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/v1/pipelines}: the registered pipelines with their steps, weights and estimates, and each one's
 * recent ETA accuracy.
 */
@Path("/api/v1/pipelines")
@Secured
@Produces(MediaType.APPLICATION_JSON)
public final class PipelinesResource {

    private final QueryJobs queries;

    public PipelinesResource(QueryJobs queries) {
        this.queries = queries;
    }

    @GET
    public Envelope pipelines() {
        return Envelope.of(queries.pipelines().stream()
                .map(pipeline -> PipelineMapper.toDto(pipeline, queries.etaAccuracy(pipeline.name()))).toList());
    }
}
