package dev.conveyor.adapter.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The connection pool, jOOQ on top of it, and the two rules every call goes through: {@link Retrying} (a
 * transient failure is tried again, never writing a row twice) and a circuit breaker ({@link StoreBreaker}: once
 * calls keep failing, every call answers "unavailable" at once until a probe finds the database back).
 */
final class Database implements AutoCloseable {

    private static final Settings SETTINGS = new Settings()
            .withRenderSchema(false)
            .withExecuteLogging(false)
            .withRenderFormatted(false);

    /**
     * Every statement the adapter sends is written so that one plan serves all its parameter values (partial
     * indexes are matched by constants in the text, never by a bound value), so each connection plans a prepared
     * statement once. Left to choose, PostgreSQL planned the set-based writes (through {@code unnest}, one row or
     * many) and the claim afresh on every execution: about a seventh of its CPU per job.
     */
    static final String ONE_PLAN_PER_STATEMENT = "set plan_cache_mode = force_generic_plan";

    /** Builds queries without a connection; the group-commit writer executes them later. */
    static final DSLContext SQL = DSL.using(SQLDialect.POSTGRES, SETTINGS);

    /** The connection pool and jOOQ on it: replaced by a fresh one when the database is back after an outage. */
    private record Pool(HikariDataSource source, DSLContext dsl) {
        static Pool open(PostgresConfig config) {
            HikariDataSource source = pool(config);
            return new Pool(source, DSL.using(source, SQLDialect.POSTGRES, SETTINGS));
        }
    }

    private final PostgresConfig config;
    private final Retrying retrying;
    private final StoreBreaker breaker;
    private volatile Pool pool;
    private volatile Object meterRegistry;

    private Database(Pool pool, Retrying retrying, PostgresConfig config) {
        this.pool = pool;
        this.config = config;
        this.retrying = retrying;
        this.breaker = new StoreBreaker(config.safeUrl(), config.breakerWait(), this::probe);
    }

    /**
     * Opens the pool, and returns once {@code migration}, started before, has brought the schema to the latest
     * version. A database the pool cannot reach is reported at once: the migration, which then fails as well, ends
     * on its own daemon thread.
     *
     * @throws PostgresUnavailableException when the database cannot be reached
     * @throws IllegalStateException        when the schema could not be migrated
     */
    static Database open(PostgresConfig config, SchemaMigration migration) {
        Pool pool = Pool.open(config);
        try {
            migration.await();
        } catch (RuntimeException | Error e) {
            pool.source().close();
            throw e;
        }
        return new Database(pool, Retrying.standard(config.safeUrl()), config);
    }

    /** One statement (or a few) in auto-commit mode, retried on transient failures; safe to repeat as it is. */
    <T> T call(Function<DSLContext, T> work) {
        return breaker.call(() -> retrying.call(() -> work.apply(pool.dsl())));
    }

    /**
     * A write in auto-commit mode that must not be repeated blindly: each attempt is told whether an earlier one
     * may have committed.
     */
    <T> T callWrite(BiFunction<DSLContext, Boolean, T> work) {
        return breaker.call(() -> retrying.attempt(unknown -> work.apply(pool.dsl(), unknown)));
    }

    /**
     * Work in one transaction, retried as a whole on transient failures; safe to repeat as it is. Plain JDBC
     * demarcation: jOOQ's transaction provider asks the driver for the isolation level first, one more round
     * trip per transaction.
     */
    <T> T inTransaction(Function<DSLContext, T> work) {
        return inJdbcTransaction(connection -> work.apply(DSL.using(connection, SQLDialect.POSTGRES, SETTINGS)));
    }

    /** Plain JDBC work, the way the hot writes run. */
    @FunctionalInterface
    interface JdbcWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Plain JDBC work that is told whether an earlier attempt may have committed (see {@link Retrying}). */
    @FunctionalInterface
    interface JdbcAttempt<T> {
        T apply(Connection connection, boolean earlierMayHaveCommitted) throws SQLException;
    }

    /** JDBC work in one transaction, retried as a whole on transient failures; safe to repeat as it is. */
    <T> T inJdbcTransaction(JdbcWork<T> work) {
        return inJdbcTransactionWrite((connection, unknown) -> work.apply(connection));
    }

    /** A JDBC write in one transaction, each attempt told whether an earlier one may have committed. */
    <T> T inJdbcTransactionWrite(JdbcAttempt<T> work) {
        return breaker.call(() -> retrying.attempt(unknown -> {
            try (Connection connection = pool.source().getConnection()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.apply(connection, unknown);
                    connection.commit();
                    return result;
                } catch (RuntimeException | SQLException e) {
                    rollbackQuietly(connection, e);
                    throw e;
                }
            } catch (SQLException e) {
                throw new DataAccessException("transaction failed: " + e.getMessage(), e);
            }
        }));
    }

    /** JDBC work in auto-commit mode (one statement, one round trip), retried; safe to repeat as it is. */
    <T> T jdbc(JdbcWork<T> work) {
        return jdbcWrite((connection, unknown) -> work.apply(connection));
    }

    /** A JDBC write in auto-commit mode, each attempt told whether an earlier one may have committed. */
    <T> T jdbcWrite(JdbcAttempt<T> work) {
        return breaker.call(() -> retrying.attempt(unknown -> {
            try (Connection connection = pool.source().getConnection()) {
                return work.apply(connection, unknown);
            } catch (SQLException e) {
                throw new DataAccessException("statement failed: " + e.getMessage(), e);
            }
        }));
    }

    /**
     * Fails at once while the circuit breaker is open: for callers that would otherwise queue behind a round
     * already waiting on the database (coalesced reads, group commit, combined claims).
     */
    void requireAvailable() {
        breaker.requireClosed();
    }

    /** Attempts made after an attempt whose outcome was unknown (see {@link Retrying}). */
    long retriesAfterUnknownOutcome() {
        return retrying.retriesAfterUnknownOutcome();
    }

    /** Whether calls are being let through to the database now. */
    boolean available() {
        return breaker.closed();
    }

    /**
     * What the breaker sends to find the database back: one round trip on a connection of its own, not the pool's.
     * Through an outage HikariCP keeps trying to connect with a back-off that grows to 5 s, so its first connection
     * after the outage can come seconds after the database did. Once the database answers, a fresh pool replaces
     * the old one, which is closed in the background (a call still in flight on it finishes first).
     */
    private void probe() {
        Properties properties = driverProperties(config);
        // a probe into a database that does not answer gives up as soon as a call would
        properties.setProperty("loginTimeout", wholeSeconds(config.connectTimeout()));
        config.user().ifPresent(user -> properties.setProperty("user", user));
        config.password().ifPresent(password -> properties.setProperty("password", password));
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), properties);
             Statement statement = connection.createStatement()) {
            statement.execute("select 1");
        } catch (SQLException e) {
            throw new PostgresUnavailableException("PostgreSQL at " + config.safeUrl() + " does not answer yet: "
                    + e.getMessage(), true, e);
        }
        Pool old = pool;
        Pool fresh = Pool.open(config);
        if (meterRegistry != null) {
            fresh.source().setMetricRegistry(meterRegistry);
        }
        pool = fresh;
        Thread.ofPlatform().daemon().name("conveyor-postgres-pool-close").start(() -> old.source().close());
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Publishes the pool's meters to a Micrometer or Dropwizard registry (HikariCP names and fills them); a pool
     * that replaces this one after an outage publishes to it too.
     */
    void publishPoolMetricsTo(Object registry) {
        pool.source().setMetricRegistry(registry);
        meterRegistry = registry;
    }

    @Override
    public void close() {
        breaker.close();
        pool.source().close();
    }

    private static HikariDataSource pool(PostgresConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("conveyor-postgres");
        hikari.setJdbcUrl(config.jdbcUrl());
        config.user().ifPresent(hikari::setUsername);
        config.password().ifPresent(hikari::setPassword);
        hikari.setSchema(config.schema());
        hikari.setMaximumPoolSize(config.poolSize());
        // Connections are made when calls need them, not kept topped up: HikariCP keeps trying to fill its minimum
        // through an outage with a back-off that grows to 5 s, which would then delay recovery by as much. With
        // none to keep, it tries only while a call (the breaker's probe) waits, and the database is found back
        // within a probe or two.
        hikari.setMinimumIdle(0);
        hikari.setConnectionTimeout(config.connectTimeout().toMillis());
        hikari.setValidationTimeout(Math.max(250, config.connectTimeout().toMillis() / 2));
        // Start-up may wait longer for its first connection than a call does: a loaded server can be slow to log in.
        hikari.setInitializationFailTimeout(config.connectTimeout().plus(config.statementTimeout()).toMillis());
        hikari.setDataSourceProperties(driverProperties(config));
        hikari.setConnectionInitSql(ONE_PLAN_PER_STATEMENT);
        try {
            return new HikariDataSource(hikari);
        } catch (HikariPool.PoolInitializationException e) {
            throw new PostgresUnavailableException("PostgreSQL at " + config.safeUrl()
                    + " cannot be reached: " + rootMessage(e) + ". Start it, or point CONVEYOR_DB_URL at a "
                    + "running one.", e);
        }
    }

    /**
     * The driver's own bounds, in whole seconds: a connection attempt, logging in, and every wait for an answer, so
     * a database that stops answering (a dropped network, a frozen host) fails calls instead of hanging them. The
     * login may take the connect and statement timeouts together: the pool makes connections in the background,
     * and a caller waits for one no longer than the connect timeout anyway. The set-based writes' parameter arrays go
     * in binary, enabled on each connection for their types ({@link BinaryRecordArray}).
     */
    private static Properties driverProperties(PostgresConfig config) {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", wholeSeconds(config.connectTimeout()));
        properties.setProperty("loginTimeout", wholeSeconds(config.connectTimeout().plus(config.statementTimeout())));
        properties.setProperty("socketTimeout", wholeSeconds(config.statementTimeout()));
        return properties;
    }

    private static String wholeSeconds(Duration duration) {
        return Long.toString(Math.max(1, (duration.toMillis() + 999) / 1000));
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
