package dev.conveyor.archfixtures.conforming.adapter.metrics;

import dev.conveyor.archfixtures.conforming.model.Ticket;
import io.micrometer.core.instrument.MeterRegistry;

/** A metrics adapter as it should be: Micrometer and the model, nothing of the core or another adapter. */
public final class TicketMeters {

    private final MeterRegistry registry;

    public TicketMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    public void saved(Ticket ticket) {
        registry.counter("tickets.saved").increment();
    }
}
