package dev.conveyor.adapter.rest;

import dev.conveyor.port.in.ManageJobs;
import dev.conveyor.port.in.QueryDeliveries;
import dev.conveyor.port.in.QueryJobs;

import java.util.Objects;

/**
 * What the HTTP API serves: the inbound ports, how to tell whether the service is ready, what
 * {@code GET /metrics} answers, and the notification delivery log.
 */
public record RestApi(ManageJobs commands, QueryJobs queries, Readiness readiness, MetricsScrape metrics,
                      QueryDeliveries deliveries) {

    public RestApi {
        Objects.requireNonNull(commands, "commands must not be null");
        Objects.requireNonNull(queries, "queries must not be null");
        Objects.requireNonNull(readiness, "readiness must not be null");
        Objects.requireNonNull(metrics, "metrics must not be null");
        Objects.requireNonNull(deliveries, "deliveries must not be null");
    }

    /** Serving no meters ({@link MetricsScrape#OFF}) and no delivery log (its endpoint lists nothing). */
    public RestApi(ManageJobs commands, QueryJobs queries, Readiness readiness) {
        this(commands, queries, readiness, MetricsScrape.OFF, QueryDeliveries.NONE);
    }

    /** Serving these meters and no delivery log. */
    public RestApi(ManageJobs commands, QueryJobs queries, Readiness readiness, MetricsScrape metrics) {
        this(commands, queries, readiness, metrics, QueryDeliveries.NONE);
    }
}
