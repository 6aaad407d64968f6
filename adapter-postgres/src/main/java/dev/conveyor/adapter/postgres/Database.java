package dev.conveyor.adapter.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

/** The connection pool, jOOQ on top of it, and the retry rule every call goes through. */
final class Database implements AutoCloseable {

    private static final Settings SETTINGS = new Settings()
            .withRenderSchema(false)
            .withExecuteLogging(false)
            .withRenderFormatted(false);

    /** Builds queries without a connection; the group-commit writer executes them later. */
    static final DSLContext SQL = DSL.using(SQLDialect.POSTGRES, SETTINGS);

    private final HikariDataSource dataSource;
    private final DSLContext dsl;
    private final Retrying retrying;

    private Database(HikariDataSource dataSource, Retrying retrying) {
        this.dataSource = dataSource;
        this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES, SETTINGS);
        this.retrying = retrying;
    }

    /** Opens the pool and migrates the schema to the latest version (creating it when missing). */
    static Database open(PostgresConfig config) {
        HikariDataSource dataSource = pool(config);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .schemas(config.schema())
                    .locations("classpath:db/conveyor")
                    .table("conveyor_schema_history")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new IllegalStateException("could not migrate schema '" + config.schema() + "' at "
                    + config.safeUrl() + ": " + e.getMessage(), e);
        }
        return new Database(dataSource, Retrying.standard(config.safeUrl()));
    }

    /** One statement (or a few) in auto-commit mode, retried on transient failures. */
    <T> T call(Function<DSLContext, T> work) {
        return retrying.call(() -> work.apply(dsl));
    }

    /**
     * Work in one transaction, retried as a whole on transient failures. Plain JDBC demarcation: jOOQ's
     * transaction provider asks the driver for the isolation level first, one more round trip per transaction.
     */
    <T> T inTransaction(Function<DSLContext, T> work) {
        return retrying.call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.apply(DSL.using(connection, SQLDialect.POSTGRES, SETTINGS));
                    connection.commit();
                    return result;
                } catch (RuntimeException | SQLException e) {
                    rollbackQuietly(connection, e);
                    throw e;
                }
            } catch (SQLException e) {
                throw new DataAccessException("transaction failed: " + e.getMessage(), e);
            }
        });
    }

    /** Plain JDBC work, the way the hot writes run. */
    @FunctionalInterface
    interface JdbcWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** JDBC work in one transaction, retried as a whole on transient failures. */
    <T> T inJdbcTransaction(JdbcWork<T> work) {
        return retrying.call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.apply(connection);
                    connection.commit();
                    return result;
                } catch (RuntimeException | SQLException e) {
                    rollbackQuietly(connection, e);
                    throw e;
                }
            } catch (SQLException e) {
                throw new DataAccessException("transaction failed: " + e.getMessage(), e);
            }
        });
    }

    /** JDBC work in auto-commit mode (one statement, one round trip), retried on transient failures. */
    <T> T jdbc(JdbcWork<T> work) {
        return retrying.call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return work.apply(connection);
            } catch (SQLException e) {
                throw new DataAccessException("statement failed: " + e.getMessage(), e);
            }
        });
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    HikariDataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static HikariDataSource pool(PostgresConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("conveyor-postgres");
        hikari.setJdbcUrl(config.jdbcUrl());
        config.user().ifPresent(hikari::setUsername);
        config.password().ifPresent(hikari::setPassword);
        hikari.setSchema(config.schema());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setConnectionTimeout(config.connectTimeout().toMillis());
        hikari.setInitializationFailTimeout(config.connectTimeout().toMillis());
        try {
            return new HikariDataSource(hikari);
        } catch (HikariPool.PoolInitializationException e) {
            throw new PostgresUnavailableException("PostgreSQL at " + config.safeUrl()
                    + " cannot be reached: " + rootMessage(e) + ". Start it, or point CONVEYOR_DB_URL at a "
                    + "running one.", e);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
