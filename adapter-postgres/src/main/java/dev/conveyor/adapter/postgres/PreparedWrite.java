package dev.conveyor.adapter.postgres;

import org.jooq.JSON;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.conf.ParamType;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.conveyor.adapter.postgres.Database.SQL;

/**
 * A hot single-row write that jOOQ renders once, from the generated schema classes and with named parameters;
 * each use only binds values through JDBC. Rendering a jOOQ query costs tens of microseconds, several times
 * what PostgreSQL spends executing such a write, and the job writes run a few times per step.
 */
final class PreparedWrite {

    /** A named parameter in jOOQ's rendering: {@code :name}, never the second colon of a {@code ::} cast. */
    private static final Pattern NAMED = Pattern.compile("(?<![:\\w]):(\\w+)");

    private final String sql;
    private final String[] order;

    private PreparedWrite(String sql, String[] order) {
        this.sql = sql;
        this.order = order;
    }

    /**
     * Renders {@code query}, whose every bind value must be a named {@link Param}.
     *
     * @throws IllegalArgumentException when a value is not a named parameter: it could not be bound later
     */
    static PreparedWrite of(Query query) {
        Map<String, Param<?>> params = SQL.extractParams(query);
        String named = SQL.renderNamedParams(query);
        List<String> order = new ArrayList<>();
        Matcher matcher = NAMED.matcher(named);
        while (matcher.find()) {
            String name = matcher.group(1);
            Param<?> param = params.get(name);
            if (param == null || param.getParamName() == null) {
                throw new IllegalArgumentException("a bind value without a name in " + named
                        + ": name it with DSL.param, or make a constant DSL.inline");
            }
            order.add(name);
        }
        String indexed = SQL.render(query);
        long placeholders = indexed.chars().filter(c -> c == '?').count();
        if (placeholders != order.size()) {
            throw new IllegalArgumentException("every bind value must be a named parameter: " + placeholders
                    + " placeholders but " + order.size() + " names in " + named);
        }
        if (SQL.renderContext().paramType(ParamType.INLINED).visit(query).render().contains("?")) {
            throw new IllegalArgumentException("the statement itself contains '?': " + indexed);
        }
        return new PreparedWrite(indexed, order.toArray(String[]::new));
    }

    String sql() {
        return sql;
    }

    /** The values in placeholder order, looked up by parameter name. */
    Object[] values(Function<String, Object> byName) {
        Object[] values = new Object[order.length];
        for (int i = 0; i < order.length; i++) {
            values[i] = byName.apply(order[i]);
        }
        return values;
    }

    static void bind(PreparedStatement statement, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            statement.setObject(i + 1, value instanceof JSONB json ? json.data()
                    : value instanceof JSON json ? json.data() : value);
        }
    }
}
