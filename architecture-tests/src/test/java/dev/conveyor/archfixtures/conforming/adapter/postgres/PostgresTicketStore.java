package dev.conveyor.archfixtures.conforming.adapter.postgres;

import dev.conveyor.archfixtures.conforming.model.Ticket;
import dev.conveyor.archfixtures.conforming.port.out.TicketStore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

public final class PostgresTicketStore implements TicketStore {

    private final DataSource dataSource;

    public PostgresTicketStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void save(Ticket ticket) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<Ticket> find(String id) {
        return Optional.empty();
    }
}
