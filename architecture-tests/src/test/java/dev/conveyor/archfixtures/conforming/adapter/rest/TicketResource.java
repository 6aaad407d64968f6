package dev.conveyor.archfixtures.conforming.adapter.rest;

import dev.conveyor.archfixtures.conforming.port.in.SubmitTicket;

public final class TicketResource {

    private final SubmitTicket submitTicket;

    public TicketResource(SubmitTicket submitTicket) {
        this.submitTicket = submitTicket;
    }

    public String post(String id) {
        return submitTicket.submit(id).id();
    }
}
