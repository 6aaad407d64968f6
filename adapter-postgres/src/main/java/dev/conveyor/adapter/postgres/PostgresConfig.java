package dev.conveyor.adapter.postgres;

import dev.conveyor.model.DurationText;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and how to reach PostgreSQL: a JDBC URL, credentials, the pool size and the schema Conveyor's tables
 * live in (created and migrated at start-up).
 *
 * @param connectTimeout   how long a call waits for a connection before it fails with a clear error
 * @param writers          how many group-commit transactions of job writes may be in flight at once
 * @param statementTimeout how long a call waits for the database's answer on an open connection (whole seconds,
 *                         rounded up: the driver's socket timeout); a database that stops answering fails calls
 *                         after this, not never
 * @param breakerWait      how long, once calls keep failing, the store answers "unavailable" at once before it
 *                         probes the database again
 */
public record PostgresConfig(String jdbcUrl, Optional<String> user, Optional<String> password, String schema,
                             int poolSize, Duration connectTimeout, int writers, Duration statementTimeout,
                             Duration breakerWait) {

    public static final String DEFAULT_SCHEMA = "conveyor";
    public static final int DEFAULT_POOL_SIZE = 10;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /**
     * One group-commit transaction in flight: the writes that arrive while it commits wait and go together in the
     * next, so a five-step job's writes take about 0.6 commits instead of 0.95 with two in flight, and PostgreSQL
     * pays each statement's set-up and commit flush for more rows. A write is still durable before its caller
     * goes on.
     */
    public static final int DEFAULT_WRITERS = 1;
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_BREAKER_WAIT = Duration.ofSeconds(1);

    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public PostgresConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl must not be null");
        Objects.requireNonNull(user, "user must not be null (use Optional.empty())");
        Objects.requireNonNull(password, "password must not be null (use Optional.empty())");
        Objects.requireNonNull(schema, "schema must not be null");
        Objects.requireNonNull(connectTimeout, "connectTimeout must not be null");
        Objects.requireNonNull(statementTimeout, "statementTimeout must not be null");
        Objects.requireNonNull(breakerWait, "breakerWait must not be null");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("jdbcUrl must start with 'jdbc:postgresql:', got '" + jdbcUrl + "'");
        }
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException(
                    "schema must be a lower-case SQL identifier (letters, digits, '_'), got '" + schema + "'");
        }
        if (poolSize < 2 || poolSize > 500) {
            throw new IllegalArgumentException("poolSize must be between 2 and 500, got " + poolSize);
        }
        if (connectTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectTimeout must be at least 250ms, got " + connectTimeout);
        }
        if (statementTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("statementTimeout must be at least 1s, got " + statementTimeout);
        }
        if (breakerWait.toMillis() < 100 || breakerWait.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("breakerWait must be between 100ms and 10m, got " + breakerWait);
        }
        if (writers < 1 || writers >= poolSize) {
            throw new IllegalArgumentException("writers must be between 1 and poolSize - 1, got " + writers);
        }
    }

    /**
     * A configuration with the defaults: schema {@code conveyor}, 10 connections, 1 s connect timeout, 2 s
     * statement timeout, 1 s between probes of a database that is down.
     */
    public static PostgresConfig of(String jdbcUrl) {
        return new PostgresConfig(jdbcUrl, Optional.empty(), Optional.empty(), DEFAULT_SCHEMA, DEFAULT_POOL_SIZE,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_WRITERS, DEFAULT_STATEMENT_TIMEOUT, DEFAULT_BREAKER_WAIT);
    }

    /**
     * Reads {@code CONVEYOR_DB_URL} (required), {@code CONVEYOR_DB_USER}, {@code CONVEYOR_DB_PASSWORD},
     * {@code CONVEYOR_DB_SCHEMA}, {@code CONVEYOR_DB_POOL_SIZE}, {@code CONVEYOR_DB_CONNECT_TIMEOUT},
     * {@code CONVEYOR_DB_STATEMENT_TIMEOUT} and {@code CONVEYOR_DB_BREAKER_WAIT} ("500ms", "2s") from the given
     * environment.
     */
    public static PostgresConfig fromEnvironment(Map<String, String> env) {
        String url = env.get("CONVEYOR_DB_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("CONVEYOR_DB_URL must be set, e.g. jdbc:postgresql://localhost:5432/conveyor");
        }
        PostgresConfig config = of(url.strip());
        config = nonBlank(env, "CONVEYOR_DB_USER").map(config::withUser).orElse(config);
        config = nonBlank(env, "CONVEYOR_DB_PASSWORD").map(config::withPassword).orElse(config);
        config = nonBlank(env, "CONVEYOR_DB_SCHEMA").map(config::withSchema).orElse(config);
        Optional<String> pool = nonBlank(env, "CONVEYOR_DB_POOL_SIZE");
        if (pool.isPresent()) {
            try {
                config = config.withPoolSize(Integer.parseInt(pool.get()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("CONVEYOR_DB_POOL_SIZE must be a number, got '" + pool.get() + "'", e);
            }
        }
        config = duration(env, "CONVEYOR_DB_CONNECT_TIMEOUT").map(config::withConnectTimeout).orElse(config);
        config = duration(env, "CONVEYOR_DB_STATEMENT_TIMEOUT").map(config::withStatementTimeout).orElse(config);
        config = duration(env, "CONVEYOR_DB_BREAKER_WAIT").map(config::withBreakerWait).orElse(config);
        return config;
    }

    private static Optional<Duration> duration(Map<String, String> env, String name) {
        return DurationText.fromEnvironment(env, name);
    }

    public PostgresConfig withUser(String value) {
        return new PostgresConfig(jdbcUrl, Optional.of(value), password, schema, poolSize, connectTimeout, writers,
                statementTimeout, breakerWait);
    }

    public PostgresConfig withPassword(String value) {
        return new PostgresConfig(jdbcUrl, user, Optional.of(value), schema, poolSize, connectTimeout, writers,
                statementTimeout, breakerWait);
    }

    public PostgresConfig withSchema(String value) {
        return new PostgresConfig(jdbcUrl, user, password, value, poolSize, connectTimeout, writers,
                statementTimeout, breakerWait);
    }

    /** Sets the pool size, keeping the writer threads below it. */
    public PostgresConfig withPoolSize(int value) {
        return new PostgresConfig(jdbcUrl, user, password, schema, value, connectTimeout,
                Math.max(1, Math.min(writers, value - 1)), statementTimeout, breakerWait);
    }

    public PostgresConfig withConnectTimeout(Duration value) {
        return new PostgresConfig(jdbcUrl, user, password, schema, poolSize, value, writers, statementTimeout,
                breakerWait);
    }

    public PostgresConfig withWriters(int value) {
        return new PostgresConfig(jdbcUrl, user, password, schema, poolSize, connectTimeout, value, statementTimeout,
                breakerWait);
    }

    public PostgresConfig withStatementTimeout(Duration value) {
        return new PostgresConfig(jdbcUrl, user, password, schema, poolSize, connectTimeout, writers, value,
                breakerWait);
    }

    public PostgresConfig withBreakerWait(Duration value) {
        return new PostgresConfig(jdbcUrl, user, password, schema, poolSize, connectTimeout, writers,
                statementTimeout, value);
    }

    /** The URL without credentials or parameters, safe to show in an error message. */
    String safeUrl() {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    @Override
    public String toString() {
        return "PostgresConfig[" + safeUrl() + ", user=" + user.orElse("(default)") + ", schema=" + schema
                + ", poolSize=" + poolSize + ", writers=" + writers + "]";
    }

    private static Optional<String> nonBlank(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(s -> !s.isEmpty());
    }
}
