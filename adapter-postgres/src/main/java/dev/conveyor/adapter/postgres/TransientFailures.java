package dev.conveyor.adapter.postgres;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;

/** Tells the database failures worth trying again (a lost connection, 40001, 40P01) from the rest. */
final class TransientFailures {

    /** Serialization failure, deadlock, shutdowns and "cannot connect now", too many connections. */
    private static final Set<String> STATES = Set.of("40001", "40P01", "57P01", "57P02", "57P03", "53300");

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

    static Optional<String> sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }
}
