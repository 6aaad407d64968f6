package dev.conveyor.archfixtures.conforming.adapter.cli;

import dev.conveyor.archfixtures.conforming.port.in.SubmitTicket;

public final class TicketCommand implements Runnable {

    private final SubmitTicket submitTicket;

    public TicketCommand(SubmitTicket submitTicket) {
        this.submitTicket = submitTicket;
    }

    @Override
    public void run() {
        submitTicket.submit("cli");
    }
}
