package dev.conveyor.adapter.rest;

import dev.conveyor.port.in.ManageJobs;
import dev.conveyor.port.in.QueryDeliveries;
import dev.conveyor.port.in.QueryJobs;

import java.util.Objects;

/**
 * What the HTTP API serves: the inbound ports, how to tell whether the service is ready, and the notification
 * delivery log.
 */
public record RestApi(ManageJobs commands, QueryJobs queries, Readiness readiness, QueryDeliveries deliveries) {

    public RestApi {
        Objects.requireNonNull(commands, "commands must not be null");
        Objects.requireNonNull(queries, "queries must not be null");
        Objects.requireNonNull(readiness, "readiness must not be null");
        Objects.requireNonNull(deliveries, "deliveries must not be null");
    }

    /** The API without a delivery log (its endpoint lists nothing). */
    public RestApi(ManageJobs commands, QueryJobs queries, Readiness readiness) {
        this(commands, queries, readiness, QueryDeliveries.NONE);
    }
}
