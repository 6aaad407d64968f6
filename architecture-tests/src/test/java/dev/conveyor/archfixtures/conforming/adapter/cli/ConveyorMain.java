package dev.conveyor.archfixtures.conforming.adapter.cli;

import dev.conveyor.archfixtures.conforming.adapter.postgres.PostgresTicketStore;
import dev.conveyor.archfixtures.conforming.core.TicketService;
import dev.conveyor.archfixtures.conforming.demo.DemoSteps;

import javax.sql.DataSource;

public final class ConveyorMain {

    private ConveyorMain() {
    }

    static TicketCommand wire(DataSource dataSource) {
        return new TicketCommand(new TicketService(new PostgresTicketStore(dataSource), DemoSteps.echo()));
    }
}
