package dev.conveyor.adapter.rest;

/** Whether the service can do its work now: its job store answers, and it is not shutting down. */
@FunctionalInterface
public interface Readiness {

    boolean isReady();
}
