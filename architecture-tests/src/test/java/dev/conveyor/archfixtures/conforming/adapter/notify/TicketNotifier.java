package dev.conveyor.archfixtures.conforming.adapter.notify;

import dev.conveyor.archfixtures.conforming.model.Ticket;

import java.util.ArrayList;
import java.util.List;

/** A notification adapter as it should be: it knows the model and the ports, and no other adapter. */
public final class TicketNotifier {

    private final List<String> sent = new ArrayList<>();

    public void ticketDone(Ticket ticket) {
        sent.add("done: " + ticket);
    }

    public List<String> sent() {
        return List.copyOf(sent);
    }
}
