package dev.conveyor.archfixtures.violating.port.out;

import javax.sql.DataSource;

/** Breaks rule 3: a port exposing JDBC's DataSource. */
public interface DataSourcePort {

    DataSource dataSource();
}
