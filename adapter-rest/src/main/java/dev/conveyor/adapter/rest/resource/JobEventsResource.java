package dev.conveyor.adapter.rest.resource;

import dev.conveyor.adapter.rest.auth.Caller;
import dev.conveyor.adapter.rest.auth.Secured;
import dev.conveyor.adapter.rest.dto.AuditMapper;
import dev.conveyor.adapter.rest.error.ApiErrors;
import dev.conveyor.adapter.rest.json.Envelope;
import dev.conveyor.model.AuditPage;
import dev.conveyor.model.AuditQuery;
import dev.conveyor.port.in.QueryJobs;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.util.Optional;

/**
 * {@code GET /api/v1/jobs/{id}/events}: the job's audit trail, oldest first, a page at a time, each event with a
 * message a user can act on. Only an admin token also sees the internal details (an exception's text); another
 * tenant's job is a 404 like any unknown one.
 */
@Path("/api/v1/jobs/{id}/events")
@Secured
@Produces(MediaType.APPLICATION_JSON)
public final class JobEventsResource {

    static final int DEFAULT_LIMIT = 100;

    private final QueryJobs queries;

    public JobEventsResource(QueryJobs queries) {
        this.queries = queries;
    }

    @GET
    public Envelope events(@PathParam("id") String id, @QueryParam("limit") String limit,
                           @QueryParam("cursor") String cursor, @Context SecurityContext security) {
        Caller caller = Requests.caller(security);
        AuditQuery query = new AuditQuery(limit(limit), cursor(cursor));
        Optional<AuditPage> page;
        try {
            page = queries.events(caller.tenant(), Requests.jobId(id), query);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.invalidParameter("cursor", "is not one this API gave out: pass the next_cursor of "
                    + "the previous page, or leave it out for the first page");
        }
        return Envelope.of(AuditMapper.toPage(page.orElseThrow(ApiErrors::jobNotFound),
                caller.role().seesInternals()));
    }

    private static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= AuditQuery.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiErrors.invalidParameter("limit", "must be a whole number from 1 to " + AuditQuery.MAX_LIMIT);
    }

    private static Optional<String> cursor(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        if (text.length() > 128) {
            throw ApiErrors.invalidParameter("cursor", "is not one this API gave out");
        }
        return Optional.of(text);
    }
}
