package dev.conveyor.adapter.rest;

import dev.conveyor.port.in.ManageJobs;
import dev.conveyor.port.in.QueryJobs;

import java.util.Objects;

/**
 * What the HTTP API serves: the inbound ports, how to tell whether the service is ready, and what
 * {@code GET /metrics} answers.
 */
public record RestApi(ManageJobs commands, QueryJobs queries, Readiness readiness, MetricsScrape metrics) {

    public RestApi {
        Objects.requireNonNull(commands, "commands must not be null");
        Objects.requireNonNull(queries, "queries must not be null");
        Objects.requireNonNull(readiness, "readiness must not be null");
        Objects.requireNonNull(metrics, "metrics must not be null");
    }

    /** Serving no meters ({@link MetricsScrape#OFF}). */
    public RestApi(ManageJobs commands, QueryJobs queries, Readiness readiness) {
        this(commands, queries, readiness, MetricsScrape.OFF);
    }
}
