package dev.conveyor.adapter.rest.resource;

import dev.conveyor.adapter.rest.auth.Caller;
import dev.conveyor.adapter.rest.auth.Secured;
import dev.conveyor.adapter.rest.dto.DeliveryDto;
import dev.conveyor.adapter.rest.error.ApiErrors;
import dev.conveyor.adapter.rest.json.Envelope;
import dev.conveyor.model.JobId;
import dev.conveyor.port.in.QueryDeliveries;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.util.Optional;

/**
 * {@code GET /api/v1/webhooks/deliveries}: the caller's notification deliveries (webhooks and emails), newest
 * first; {@code job_id} narrows them to one job, {@code limit} (1-200, default 50) bounds them.
 */
@Path("/api/v1/webhooks/deliveries")
@Secured
@Produces(MediaType.APPLICATION_JSON)
public final class DeliveriesResource {

    private static final int DEFAULT_LIMIT = 50;

    private final QueryDeliveries deliveries;

    public DeliveriesResource(QueryDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @GET
    public Envelope list(@QueryParam("job_id") String jobId, @QueryParam("limit") String limit,
                         @Context SecurityContext security) {
        Caller caller = Requests.caller(security);
        return Envelope.of(deliveries.deliveries(caller.tenant(), job(jobId), limit(limit)).stream()
                .map(DeliveryDto::of).toList());
    }

    private static Optional<JobId> job(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JobId.parse(text));
        } catch (IllegalArgumentException e) {
            throw ApiErrors.invalidParameter("job_id", "must be a job id (a UUID)");
        }
    }

    private static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= QueryDeliveries.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiErrors.invalidParameter("limit", "must be a whole number from 1 to " + QueryDeliveries.MAX_LIMIT);
    }
}
