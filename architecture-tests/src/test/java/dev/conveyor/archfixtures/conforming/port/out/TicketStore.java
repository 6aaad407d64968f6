package dev.conveyor.archfixtures.conforming.port.out;

import dev.conveyor.archfixtures.conforming.model.Ticket;

import java.util.Optional;

public interface TicketStore {

    void save(Ticket ticket);

    Optional<Ticket> find(String id);
}
