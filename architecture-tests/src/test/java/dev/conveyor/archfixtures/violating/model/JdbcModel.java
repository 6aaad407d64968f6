package dev.conveyor.archfixtures.violating.model;

import java.sql.Connection;

/** Breaks rule 3: JDBC in the model (allowed by rule 1, since java.sql is in the JDK). */
public record JdbcModel(Connection connection) {
}
