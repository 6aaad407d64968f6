package dev.conveyor.archfixtures.conforming.adapter.spring;

/** The starter's settings: an adapter class like any other, outside the composition root. */
public record TicketProperties(int workers) {
}
