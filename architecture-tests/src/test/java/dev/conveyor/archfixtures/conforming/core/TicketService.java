package dev.conveyor.archfixtures.conforming.core;

import dev.conveyor.archfixtures.conforming.core.retry.Retrying;
import dev.conveyor.archfixtures.conforming.model.Ticket;
import dev.conveyor.archfixtures.conforming.pipeline.TicketStep;
import dev.conveyor.archfixtures.conforming.port.in.SubmitTicket;
import dev.conveyor.archfixtures.conforming.port.out.TicketStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class TicketService implements SubmitTicket {

    private static final Logger LOG = LoggerFactory.getLogger(TicketService.class);

    private final TicketStore store;
    private final TicketStep step;
    private final Retrying retrying = new Retrying();

    public TicketService(TicketStore store, TicketStep step) {
        this.store = store;
        this.step = step;
    }

    @Override
    public Ticket submit(String id) {
        Ticket ticket = new Ticket(id);
        retrying.run(() -> step.run(ticket));
        store.save(ticket);
        LOG.info("submitted {}", id);
        return ticket;
    }
}
