package dev.conveyor.archfixtures.conforming.adapter.rest;

import dev.conveyor.archfixtures.conforming.adapter.postgres.PostgresTicketStore;
import dev.conveyor.archfixtures.conforming.core.TicketService;
import dev.conveyor.archfixtures.conforming.demo.DemoSteps;

import javax.sql.DataSource;

/** A composition root: may wire core, other adapters and the demo; its nested classes belong to it. */
public final class ServerMain {

    private ServerMain() {
    }

    record Wiring(TicketResource resource) {

        static Wiring of(DataSource dataSource) {
            return new Wiring(new TicketResource(new TicketService(new PostgresTicketStore(dataSource), DemoSteps.echo())));
        }
    }
}
