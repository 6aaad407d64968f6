package dev.conveyor.archfixtures.violating.adapter.postgres;

import java.sql.Connection;

public record PostgresStore(Connection connection) {
}
