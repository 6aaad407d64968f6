package dev.conveyor.archfixtures.violating.adapter.rest;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Breaks rule 7: a REST resource reading JDBC results. */
public final class SqlResource {

    String name(ResultSet row) throws SQLException {
        return row.getString("name");
    }
}
