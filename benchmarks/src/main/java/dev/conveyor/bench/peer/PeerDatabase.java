package dev.conveyor.bench.peer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The benchmark's own short connections to the shared PostgreSQL: a fresh schema per phase and dropping it, the
 * count of jobs done, and which server processes serve a schema's sessions (every pool of a phase names its
 * sessions after the schema, see {@link #sessionName}).
 */
final class PeerDatabase {

    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,40}");
    private static final String OWN_SESSION = "conveyor-peer-bench";

    private final PeerConfig config;
    private final Set<String> made = ConcurrentHashMap.newKeySet();

    PeerDatabase(PeerConfig config) {
        this.config = config;
    }

    /** Creates a new empty schema named {@code prefix_} and 8 random hex digits. */
    String freshSchema(String prefix) {
        String schema = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        execute("CREATE SCHEMA " + checked(schema));
        made.add(schema);
        return schema;
    }

    void drop(String schema) {
        execute("DROP SCHEMA IF EXISTS " + checked(schema) + " CASCADE");
        made.remove(schema);
    }

    /** Drops every schema made and not dropped yet, waiting at most 5 s for locks; reports what it could not. */
    void dropAll() {
        for (String schema : Set.copyOf(made)) {
            try {
                execute("SET lock_timeout = '5s'; DROP SCHEMA IF EXISTS " + checked(schema) + " CASCADE");
                made.remove(schema);
            } catch (IllegalStateException e) {
                System.err.println("peer-benchmark: schema " + schema + " is left behind: " + e.getMessage());
            }
        }
    }

    /** How the sessions of a phase's pools are named on the server: {@code what-schema}, all ending in the schema. */
    static String sessionName(String what, String schema) {
        return what + "-" + schema;
    }

    /** The rows of {@code schema.table}. */
    long rows(String schema, String table) {
        return count("SELECT count(*) FROM " + checked(schema) + "." + checked(table), null, schema + "." + table);
    }

    /** The rows of {@code schema.table} whose {@code column} equals {@code value}. */
    long count(String schema, String table, String column, String value) {
        return count("SELECT count(*) FROM " + checked(schema) + "." + checked(table) + " WHERE " + checked(column)
                + " = ?", value, schema + "." + table);
    }

    private long count(String sql, String parameter, String what) {
        try (Connection c = open(); PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            try (ResultSet row = s.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * The process ids of the server's sessions named after {@code schema}: the pools' ({@code <system>-<schema>}) and
     * Conveyor's listener's ({@code conveyor-listener <schema>}), which wakes the workers on each batch of new jobs.
     */
    Set<Integer> backends(String schema) {
        String name = checked(schema);
        try (Connection c = open(); PreparedStatement s = c.prepareStatement(
                "SELECT pid FROM pg_stat_activity WHERE right(application_name, ?) IN (?, ?)")) {
            s.setInt(1, name.length() + 1);
            s.setString(2, "-" + name);
            s.setString(3, " " + name);
            Set<Integer> pids = new HashSet<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    pids.add(rows.getInt(1));
                }
            }
            return pids;
        } catch (SQLException e) {
            throw new IllegalStateException("could not list the sessions of " + schema + ": " + e.getMessage(), e);
        }
    }

    private void execute(String sql) {
        try (Connection c = open(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run '" + sql + "' at " + config.jdbcUrl() + ": "
                    + e.getMessage() + " (is PostgreSQL up?)", e);
        }
    }

    private Connection open() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", config.user());
        properties.setProperty("password", config.password());
        properties.setProperty("ApplicationName", OWN_SESSION);
        return DriverManager.getConnection(config.jdbcUrl(), properties);
    }

    private static String checked(String identifier) {
        if (!SCHEMA.matcher(identifier).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + identifier);
        }
        return identifier;
    }
}
