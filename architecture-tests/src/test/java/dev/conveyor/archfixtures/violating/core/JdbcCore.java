package dev.conveyor.archfixtures.violating.core;

import java.sql.Connection;
import java.sql.SQLException;

/** Breaks rule 3: JDBC in the core (rule 2 alone lets java.. through). */
public final class JdbcCore {

    void commit(Connection connection) throws SQLException {
        connection.commit();
    }
}
