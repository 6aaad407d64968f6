package dev.conveyor.adapter.postgres;

import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The plan a pooled connection runs a statement with: planned once, under {@link Database#ONE_PLAN_PER_STATEMENT},
 * for parameter values it does not know. {@code EXPLAIN} of a statement with JDBC bind values would show another
 * plan, made for those values; here the statement is prepared, then explained as executed with the values written
 * in, which shows the generic plan.
 */
final class GenericPlan {

    private static final DSLContext POSTGRES = DSL.using(SQLDialect.POSTGRES);

    private GenericPlan() {
    }

    /** The generic plan of {@code query}, rendered as the adapter renders it, in {@code schema}. */
    static String of(String schema, Query query) throws SQLException {
        return of(schema, Database.SQL.render(query), query.getBindValues().toArray());
    }

    /** The generic plan of {@code sql}, whose {@code ?} placeholders take {@code values}, in {@code schema}. */
    static String of(String schema, String sql, Object... values) throws SQLException {
        StringBuilder numbered = new StringBuilder();
        int parameter = 0;
        for (char c : sql.toCharArray()) {
            numbered.append(c == '?' ? "$" + ++parameter : String.valueOf(c));
        }
        if (parameter != values.length) {
            throw new IllegalArgumentException(parameter + " placeholders but " + values.length + " values: " + sql);
        }
        String arguments = Arrays.stream(values)
                .map(value -> POSTGRES.renderInlined(DSL.inline(value))).collect(Collectors.joining(", "));
        try (Connection connection = TestDatabase.open(); Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + schema);
            statement.execute(Database.ONE_PLAN_PER_STATEMENT);
            statement.execute("PREPARE planned AS " + numbered);
            String execute = values.length == 0 ? "EXECUTE planned" : "EXECUTE planned(" + arguments + ")";
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = statement.executeQuery("EXPLAIN " + execute)) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }
}
