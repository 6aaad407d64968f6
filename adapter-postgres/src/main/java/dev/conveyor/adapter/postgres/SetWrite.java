package dev.conveyor.adapter.postgres;

import dev.conveyor.model.AuditEvent;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.JSONB;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.conveyor.adapter.postgres.schema.tables.AuditEvent.AUDIT_EVENT;
import static dev.conveyor.adapter.postgres.schema.tables.Job.JOB;

/**
 * One kind of job-row write, sent for any number of rows as one statement: the rows go in as one array of a
 * composite type made for the write (its row type, which a migration creates with the write's parameters as its
 * attributes) and {@code unnest} turns them back into rows, so PostgreSQL parses, plans and executes the
 * statement once however many rows it carries (its cost is per statement far more than per row), and receives
 * one parameter rather than one per column ({@link BinaryRecordArray}). Each row keeps its own condition (the
 * compare-and-set on the version, the lease), and the statement returns the rows that won, so a row that loses
 * fails alone. A write that carries audit events inserts them in the same statement, only for the rows that won:
 * the events are stored exactly when their transition is, and so are the notification outbox rows of the events
 * that tell news ({@link PostgresNotificationOutbox}). Those travel in arrays of their own, empty for most
 * writes, so a write without news costs what it did before the outbox.
 *
 * <p>The text is built once from the generated schema's column names; jOOQ has no rendering of {@code unnest}
 * column lists with ordinality, and the statement never changes, so the driver prepares it once per connection.
 * A row type's attributes are exactly its write's parameters, in order: {@link #parameters()} gives them, and a
 * test holds the migrated types to them.
 */
final class SetWrite {

    /** One row's write: its values by column name, and the audit events it carries. */
    record Row(Object[] values, UUID id, List<AuditEvent> events) {

        /**
         * The events are kept in a list of one class however the caller built them (and however many there are):
         * the JIT compiles the loops over them for the list classes it has seen, and throws that code away, along
         * with the driver's whole statement path inlined with it, each time another class comes by.
         */
        Row {
            events = Collections.unmodifiableList(new ArrayList<>(events));
        }
    }

    private static final String ORDINAL = "n";
    /** The row types of the audit events and the outbox rows a write carries. */
    static final String EVENT_ROW = "audit_event_row";
    static final String OUTBOX_ROW = "notification_outbox_row";
    private static final List<Column> EVENT_COLUMNS = List.of(new Column(ORDINAL, "int4"),
            column(AUDIT_EVENT.TENANT), column(AUDIT_EVENT.JOB_ID), column(AUDIT_EVENT.TYPE), column(AUDIT_EVENT.AT),
            column(AUDIT_EVENT.DETAILS));
    /** The outbox rows: the ordinal and job of the row they go with, and the news. */
    private static final List<Column> OUTBOX_COLUMNS = List.of(new Column(ORDINAL, "int4"),
            new Column("tenant", "text"), new Column("job_id", "uuid"), new Column("event", "text"),
            new Column("step", "text"), new Column("at", "timestamptz"));

    /** A parameter: the column it fills and PostgreSQL's type for it. */
    record Column(String name, String type) {
    }

    private static final List<BinaryValue.Type> EVENT_TYPES = elements(EVENT_COLUMNS);
    private static final List<BinaryValue.Type> OUTBOX_TYPES = elements(OUTBOX_COLUMNS);

    private final String name;
    private final String rowType;
    private final String sql;
    private final List<Column> columns;
    private final List<BinaryValue.Type> types;
    private final boolean carriesAudit;
    private final boolean returnsIds;
    private final Recognition recognition;

    /**
     * How a row an earlier attempt may have written is recognised as that attempt's: the row with its id and
     * tenant whose {@code stamp} column holds the value this write gives it (an insert's creation time, an
     * update's update time) and, for a version-checked update, the version after it. It reads the same rows the
     * write sends.
     */
    private record Recognition(String sql) {
    }

    private SetWrite(String name, String rowType, String sql, List<Column> columns, boolean carriesAudit,
                     boolean returnsIds, Recognition recognition) {
        this.name = name;
        this.rowType = rowType;
        this.sql = sql;
        this.columns = columns;
        this.types = elements(columns);
        this.carriesAudit = carriesAudit;
        this.returnsIds = returnsIds;
        this.recognition = recognition;
    }

    /**
     * A conditional update: {@code set} columns take the row's values, {@code keys} (and any {@code extra}
     * condition on the stored row) decide whether the row is written. {@code version} bumps the version.
     *
     * @param rowType the composite type of the write's parameters
     * @param keys    the row's key and condition columns, compared with equality: {@code job.key = u.key}, or
     *                for a parameter named differently from its column, {@code job.column = u.parameter}
     */
    static SetWrite update(String name, String rowType, List<Field<?>> set, Map<String, Field<?>> keys, String extra,
                           boolean version, boolean carriesAudit) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column(ORDINAL, "int4"));
        keys.forEach((parameter, field) -> columns.add(new Column(parameter, typeOf(field))));
        set.forEach(field -> columns.add(column(field)));
        String assignments = set.stream().map(f -> f.getName() + " = u." + f.getName())
                .collect(Collectors.joining(", "));
        if (version) {
            assignments += ", " + JOB.VERSION.getName() + " = job." + JOB.VERSION.getName() + " + 1";
        }
        String conditions = keys.entrySet().stream()
                .map(key -> "job." + key.getValue().getName() + " = u." + key.getKey())
                .collect(Collectors.joining(" and "));
        String update = "update job set " + assignments + " from " + unnest(rowType, columns, "u", false)
                + " where " + conditions + (extra.isEmpty() ? "" : " and " + extra) + " returning u." + ORDINAL;
        Recognition recognition = null;
        if (version) {
            Map.Entry<String, Field<?>> expected = keys.entrySet().stream()
                    .filter(key -> key.getValue().equals(JOB.VERSION)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("a versioned write needs the version as a key"));
            recognition = recognition(rowType, columns, JOB.UPDATED_AT, " and job." + JOB.VERSION.getName()
                    + " = u." + expected.getKey() + " + 1");
        }
        return new SetWrite(name, rowType, carriesAudit ? withAudit(update, ORDINAL, ORDINAL, ORDINAL) : update,
                columns, carriesAudit, false, recognition);
    }

    private static Recognition recognition(String rowType, List<Column> columns, Field<?> stamp, String condition) {
        String sql = "select u." + ORDINAL + " from " + unnest(rowType, columns, "u", false) + " join job on job."
                + JOB.ID.getName() + " = u." + JOB.ID.getName() + " and job." + JOB.TENANT.getName() + " = u."
                + JOB.TENANT.getName() + " and job." + stamp.getName() + " = u." + stamp.getName() + condition;
        return new Recognition(sql);
    }

    /** Inserts the rows whose id is new ({@code on conflict do nothing}); returns the ids inserted. */
    static SetWrite insert(String name, String rowType, List<Field<?>> fields) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column(ORDINAL, "int4"));
        fields.forEach(field -> columns.add(column(field)));
        String names = fields.stream().map(Field::getName).collect(Collectors.joining(", "));
        String values = fields.stream().map(f -> "u." + f.getName()).collect(Collectors.joining(", "));
        String insert = "insert into job (" + names + ") select " + values + " from "
                + unnest(rowType, columns, "u", false) + " order by u." + ORDINAL + " on conflict do nothing returning "
                + JOB.ID.getName();
        return new SetWrite(name, rowType, withAudit(insert, AUDIT_EVENT.JOB_ID.getName(), JOB.ID.getName(),
                JOB.ID.getName()), columns, true, true, recognition(rowType, columns, JOB.CREATED_AT, ""));
    }

    /**
     * The write, then the events and outbox rows of the rows that won, in one statement that returns the winners.
     * An event or outbox row goes with a row when its {@code key} is among the winners' {@code wonKey}.
     */
    private static String withAudit(String write, String key, String wonKey, String returned) {
        List<Column> events = EVENT_COLUMNS.subList(1, EVENT_COLUMNS.size());
        String names = events.stream().map(Column::name).collect(Collectors.joining(", "));
        String values = events.stream().map(c -> "e." + c.name()).collect(Collectors.joining(", "));
        String won = " in (select " + wonKey + " from won)";
        return "with won as (" + write + "), audit as (insert into audit_event (" + names + ") select " + values
                + " from " + unnest(EVENT_ROW, EVENT_COLUMNS, "e", true) + " where e." + key + won
                + " order by e.seq), outbox as (" + PostgresNotificationOutbox.INSERT + " select gen_random_uuid(), "
                + "o.tenant, o.job_id, o.event, o.step, o.at from " + unnest(OUTBOX_ROW, OUTBOX_COLUMNS, "o", false)
                + " where o." + key + won + ") select " + returned + " from won";
    }

    /** The rows of one parameter, an array of {@code rowType}, with {@code columns} as their names. */
    private static String unnest(String rowType, List<Column> columns, String alias, boolean ordinality) {
        return "unnest(?::" + rowType + "[])" + (ordinality ? " with ordinality" : "") + " as " + alias + "("
                + columns.stream().map(Column::name).collect(Collectors.joining(", "))
                + (ordinality ? ", seq" : "") + ")";
    }

    private static List<BinaryValue.Type> elements(List<Column> columns) {
        return columns.stream().map(column -> BinaryValue.Type.named(column.type())).toList();
    }

    private static Column column(Field<?> field) {
        return new Column(field.getName(), typeOf(field));
    }

    private static String typeOf(Field<?> field) {
        Class<?> type = field.getType();
        if (type == UUID.class) {
            return "uuid";
        } else if (type == String.class) {
            return "text";
        } else if (type == Long.class) {
            return "int8";
        } else if (type == Integer.class) {
            return "int4";
        } else if (type == Short.class) {
            return "int2";
        } else if (type == Boolean.class) {
            return "bool";
        } else if (type == Double.class) {
            return "float8";
        } else if (type == OffsetDateTime.class) {
            return "timestamptz";
        } else if (type == JSONB.class) {
            return "jsonb";
        } else if (type == JSON.class) {
            return "json";
        }
        throw new IllegalArgumentException("no array type for column " + field.getName() + " of " + type);
    }

    String name() {
        return name;
    }

    String sql() {
        return sql;
    }

    /** The composite type of the write's parameters. */
    String rowType() {
        return rowType;
    }

    /** The write's parameters: the attributes of its {@link #rowType()}, in order. */
    List<Column> parameters() {
        return columns;
    }

    /** The parameters of the audit events and of the outbox rows a write carries: their row types' attributes. */
    static List<Column> eventParameters() {
        return EVENT_COLUMNS;
    }

    static List<Column> outboxParameters() {
        return OUTBOX_COLUMNS;
    }

    /** One row's values in this write's parameter order (the ordinal excluded), looked up by column name. */
    Object[] values(Function<String, Object> byName) {
        Object[] values = new Object[columns.size() - 1];
        for (int i = 1; i < columns.size(); i++) {
            values[i - 1] = byName.apply(columns.get(i).name());
        }
        return values;
    }

    /**
     * Sends the write for {@code given} (distinct ids for an insert) in the connection's transaction.
     *
     * @return the indexes in {@code given} of the rows written
     */
    Set<Integer> execute(Connection connection, List<Row> given) throws SQLException {
        // One list class whatever the caller built (an ArrayList, a Stream.toList()), for the reason Row gives.
        List<Row> rows = new ArrayList<>(given);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            List<Object[]> sent = new ArrayList<>(rows.size());
            for (int r = 0; r < rows.size(); r++) {
                sent.add(parameterRow(r, rows.get(r).values()));
            }
            BinaryRecordArray.bind(connection, statement, 1, rowType, types, sent);
            if (carriesAudit) {
                bindEvents(connection, statement, 2, rows);
                bindOutbox(connection, statement, 3, rows);
            }
            Map<UUID, Integer> byId = returnsIds ? indexById(rows) : null;
            try (ResultSet result = statement.executeQuery()) {
                return byId != null ? indexesOf(result, byId) : ordinals(result);
            }
        }
    }

    /**
     * The indexes in the write's rows of the ids {@code result} returns. This loop and {@link #ordinals} are apart:
     * one loop that tested which kind of write it read for, compiled while only one kind had run, was thrown away
     * and compiled again, with the driver's whole statement path inlined in it, when the other kind ran.
     */
    private static Set<Integer> indexesOf(ResultSet result, Map<UUID, Integer> byId) throws SQLException {
        Set<Integer> won = new HashSet<>();
        while (result.next()) {
            won.add(byId.get(result.getObject(1, UUID.class)));
        }
        return won;
    }

    /** The ordinals {@code result} returns. */
    private static Set<Integer> ordinals(ResultSet result) throws SQLException {
        Set<Integer> won = new HashSet<>();
        while (result.next()) {
            won.add(result.getInt(1));
        }
        return won;
    }

    /**
     * Sends the write like {@link #execute}, after an attempt whose outcome is unknown when
     * {@code earlierMayHaveCommitted}: a row that does not win now but holds what this write gave it counts as
     * written, since only an earlier attempt of this very write can have put it there (its audit events went in
     * with it, in that attempt's statement). So a retried insert of a job that was in fact stored neither says
     * "already exists" nor adds it twice, and a retried update is not mistaken for a lost race.
     */
    Set<Integer> execute(Connection connection, List<Row> rows, boolean earlierMayHaveCommitted) throws SQLException {
        Set<Integer> won = execute(connection, rows);
        if (!earlierMayHaveCommitted || recognition == null || won.size() == rows.size()) {
            return won;
        }
        List<Integer> open = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            if (!won.contains(r)) {
                open.add(r);
            }
        }
        Set<Integer> all = new HashSet<>(won);
        try (PreparedStatement statement = connection.prepareStatement(recognition.sql())) {
            List<Object[]> sent = new ArrayList<>(open.size());
            for (int r : open) {
                sent.add(parameterRow(r, rows.get(r).values()));
            }
            BinaryRecordArray.bind(connection, statement, 1, rowType, types, sent);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    all.add(result.getInt(1));
                }
            }
        }
        return all;
    }

    /** Row {@code r}'s parameters, as its row type holds them: its ordinal, then its values as they are sent. */
    private static Object[] parameterRow(int r, Object[] values) {
        Object[] row = new Object[values.length + 1];
        row[0] = r;
        for (int c = 0; c < values.length; c++) {
            row[c + 1] = sendable(values[c]);
        }
        return row;
    }

    private static void bindEvents(Connection connection, PreparedStatement statement, int parameter, List<Row> rows)
            throws SQLException {
        List<Object[]> events = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            Integer ordinal = r; // boxed outside the loop over the row's events, for the reason bindOutbox gives
            for (AuditEvent event : rows.get(r).events()) {
                events.add(new Object[] {ordinal, event.tenant().value(), event.jobId().value(), event.type(),
                        event.at(), JobJson.payload(event.details()).data()});
            }
        }
        BinaryRecordArray.bind(connection, statement, parameter, EVENT_ROW, EVENT_TYPES, events);
    }

    /**
     * The outbox rows of the events that tell news: none for most writes. The row's ordinal is boxed once, before
     * the loop over its events: boxed in that loop, the JIT checked in advance that every row's ordinal was among
     * the small integers kept boxed (up to 127), which fails on the first write of more rows, and compiled the
     * whole write again.
     */
    private static void bindOutbox(Connection connection, PreparedStatement statement, int parameter, List<Row> rows)
            throws SQLException {
        List<Object[]> news = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            Integer ordinal = r;
            for (AuditEvent event : rows.get(r).events()) {
                String told = PostgresNotificationOutbox.eventOf(event.type());
                if (told != null) {
                    news.add(new Object[] {ordinal, event.tenant().value(), event.jobId().value(), told,
                            PostgresNotificationOutbox.stepOf(event.type()), event.at()});
                }
            }
        }
        BinaryRecordArray.bind(connection, statement, parameter, OUTBOX_ROW, OUTBOX_TYPES, news);
    }

    private static Map<UUID, Integer> indexById(List<Row> rows) {
        Map<UUID, Integer> byId = new HashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            if (byId.putIfAbsent(rows.get(r).id(), r) != null) {
                throw new IllegalArgumentException("job " + rows.get(r).id() + " appears twice in one insert");
            }
        }
        return byId;
    }

    /** JSON goes as its text; the rest as it is. */
    private static Object sendable(Object value) {
        if (value instanceof JSONB json) {
            return json.data();
        } else if (value instanceof JSON json) {
            return json.data();
        }
        return value;
    }
}
