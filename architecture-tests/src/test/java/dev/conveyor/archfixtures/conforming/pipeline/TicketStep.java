package dev.conveyor.archfixtures.conforming.pipeline;

import dev.conveyor.archfixtures.conforming.model.Ticket;

@FunctionalInterface
public interface TicketStep {

    void run(Ticket ticket) throws Exception;
}
