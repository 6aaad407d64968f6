package dev.conveyor.adapter.rest.resource;

import dev.conveyor.adapter.rest.MetricsScrape;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/**
 * {@code GET /metrics}: the meters in Prometheus text format, for a Prometheus server to scrape. No tenant token:
 * the scrape itself decides, with the operator's metrics token or by the address the server listens on.
 */
@Path("metrics")
public final class MetricsResource {

    private final MetricsScrape scrape;

    public MetricsResource(MetricsScrape scrape) {
        this.scrape = scrape;
    }

    @GET
    public Response metrics(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        MetricsScrape.Page page = scrape.scrape(Optional.ofNullable(authorization));
        return Response.status(page.status()).type(page.contentType()).entity(page.body()).build();
    }
}
