package dev.conveyor.archfixtures.conforming.port.in;

import dev.conveyor.archfixtures.conforming.model.Ticket;

public interface SubmitTicket {

    Ticket submit(String id);
}
