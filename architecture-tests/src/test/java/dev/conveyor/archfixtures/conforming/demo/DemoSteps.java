package dev.conveyor.archfixtures.conforming.demo;

import dev.conveyor.archfixtures.conforming.pipeline.TicketStep;

public final class DemoSteps {

    private DemoSteps() {
    }

    public static TicketStep echo() {
        return ticket -> System.out.println(ticket.id());
    }
}
