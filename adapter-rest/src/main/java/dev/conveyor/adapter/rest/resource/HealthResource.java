package dev.conveyor.adapter.rest.resource;

import dev.conveyor.adapter.rest.Readiness;
import dev.conveyor.adapter.rest.json.Envelope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * Probes for load balancers and orchestrators, with no token: {@code /health} (the process answers) and
 * {@code /ready} (it can serve: the job store answers and it is not shutting down), also under {@code /api/v1}.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    private static final Envelope UP = Envelope.of(Map.of("status", "up"));
    private static final Envelope READY = Envelope.of(Map.of("status", "ready"));
    private static final Envelope NOT_READY = Envelope.failure("not_ready",
            "The service cannot serve right now (its job store does not answer, or it is shutting down). "
                    + "Try again shortly.");

    private final Readiness readiness;

    public HealthResource(Readiness readiness) {
        this.readiness = readiness;
    }

    @GET
    @Path("{health: health|api/v1/health}")
    public Envelope health() {
        return UP;
    }

    @GET
    @Path("{ready: ready|api/v1/ready}")
    public Response ready() {
        return readiness.isReady() ? Response.ok(READY).build()
                : Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(NOT_READY).build();
    }
}
