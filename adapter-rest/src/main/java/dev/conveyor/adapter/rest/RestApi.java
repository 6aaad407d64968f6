package dev.conveyor.adapter.rest;

import dev.conveyor.port.in.ManageJobs;
import dev.conveyor.port.in.QueryJobs;

import java.util.Objects;

/** What the HTTP API serves: the inbound ports, and how to tell whether the service is ready. */
public record RestApi(ManageJobs commands, QueryJobs queries, Readiness readiness) {

    public RestApi {
        Objects.requireNonNull(commands, "commands must not be null");
        Objects.requireNonNull(queries, "queries must not be null");
        Objects.requireNonNull(readiness, "readiness must not be null");
    }
}
