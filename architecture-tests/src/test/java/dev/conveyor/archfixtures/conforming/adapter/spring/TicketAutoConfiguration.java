package dev.conveyor.archfixtures.conforming.adapter.spring;

import dev.conveyor.archfixtures.conforming.adapter.postgres.PostgresTicketStore;
import dev.conveyor.archfixtures.conforming.core.TicketService;
import dev.conveyor.archfixtures.conforming.demo.DemoSteps;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** A Spring application's composition root: Spring wires what it returns, and it may use core and adapters. */
@Configuration(proxyBeanMethods = false)
public class TicketAutoConfiguration {

    @Bean
    TicketService tickets(DataSource dataSource) {
        return new TicketService(new PostgresTicketStore(dataSource), DemoSteps.echo());
    }
}
