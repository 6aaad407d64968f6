package dev.conveyor.adapter.postgres;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;

/** Tells the database failures worth trying again (a lost connection, 40001, 40P01) from the rest. */
final class TransientFailures {

    /** Serialization failure, deadlock, shutdowns and "cannot connect now", too many connections. */
    private static final Set<String> STATES = Set.of("40001", "40P01", "57P01", "57P02", "57P03", "53300");

    /**
     * Failures that prove nothing was committed: the connection was never made (08001, 08004, 57P03, 53300), or
     * PostgreSQL rolled the transaction back (40001, 40P01).
     */
    private static final Set<String> NOTHING_COMMITTED = Set.of("08001", "08004", "57P03", "53300", "40001", "40P01");

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        return sqlState(failure).map(state -> state.startsWith("08") || STATES.contains(state)).orElse(false);
    }

    /** The pool gave up waiting for a connection: it already waited the whole connect timeout. */
    static boolean isPoolTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pool timed out because no new connection could be made (HikariCP gives the last attempt's failure as
     * the cause), not because every connection was busy with calls that succeed.
     */
    static boolean isConnectFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException pool) {
                return pool.getCause() != null;
            }
        }
        return false;
    }

    /** The database did not answer within the statement (socket) timeout. */
    static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The failure leaves the outcome unknown: what the attempt sent may have been committed. */
    static boolean mayHaveCommitted(Throwable failure) {
        return sqlState(failure).map(state -> !NOTHING_COMMITTED.contains(state)).orElse(true);
    }

    static Optional<String> sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }
}
