package dev.conveyor.adapter.postgres;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hears that work was queued in the schema ({@code LISTEN} on its {@link WorkChannel}) and calls back, so idle
 * workers start at once instead of at their next poll. It holds a connection of its own, outside the pool: a
 * LISTEN lasts as long as its session, and a pooled connection goes back to others. When that connection drops
 * it reconnects with growing pauses and, every time it starts listening, calls back once: work queued while
 * it was deaf was announced to nobody. Polling stays the fallback throughout, so a deaf listener only delays.
 */
final class WorkListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkListener.class);

    static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    /**
     * One wait for notifications. close() does not wait it out: it ends the listening session, which ends the wait
     * at once (a command-line run paid up to this much again on its way out).
     */
    static final Duration WAIT = Duration.ofMillis(250);

    /** How long close() waits for the listening thread to end once its session is gone. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

    /** A connection silent this long is asked whether it still answers, so a half-open one is noticed. */
    private static final long CHECK_AFTER_NANOS = Duration.ofSeconds(30).toNanos();

    /** Opens the listening connection. */
    @FunctionalInterface
    interface Connector {
        Connection open() throws SQLException;
    }

    private final Connector connector;
    private final WorkChannel channel;
    private final int waitMillis;
    private final List<Callback> callbacks = new CopyOnWriteArrayList<>();
    private final Object lifecycle = new Object();
    private Thread thread;
    private Connection listening; // the session listening now, if any
    private boolean closed;

    WorkListener(Connector connector, WorkChannel channel) {
        this(connector, channel, WAIT);
    }

    /** @param wait one wait for notifications */
    WorkListener(Connector connector, WorkChannel channel, Duration wait) {
        this.connector = Objects.requireNonNull(connector, "connector must not be null");
        this.channel = Objects.requireNonNull(channel, "channel must not be null");
        if (wait.toMillis() < 1) {
            throw new IllegalArgumentException("wait must be at least 1 ms, got " + wait);
        }
        this.waitMillis = Math.toIntExact(wait.toMillis());
    }

    /** A listener on the configured database and schema's channel; nothing connects before the first callback. */
    static WorkListener of(PostgresConfig config) {
        Properties properties = new Properties();
        config.user().ifPresent(user -> properties.setProperty("user", user));
        config.password().ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("ApplicationName", applicationName(config.schema()));
        properties.setProperty("connectTimeout", Long.toString(Math.max(1, config.connectTimeout().toSeconds())));
        properties.setProperty("tcpKeepAlive", "true");
        return new WorkListener(() -> DriverManager.getConnection(config.jdbcUrl(), properties),
                WorkChannel.of(config.schema()));
    }

    /** How the listening session shows in {@code pg_stat_activity}, cut to the 63 characters PostgreSQL keeps. */
    static String applicationName(String schema) {
        String name = "conveyor-listener " + schema;
        return name.length() <= WorkChannel.MAX_LENGTH ? name : name.substring(0, WorkChannel.MAX_LENGTH);
    }

    /** Calls {@code callback} whenever work may have been queued; the first registration starts listening. */
    PostgresStores.Registration register(Runnable callback) {
        Callback entry = new Callback(Objects.requireNonNull(callback, "callback must not be null"));
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("the stores are closed: no more notifications of queued work");
            }
            callbacks.add(entry);
            if (thread == null) {
                thread = Thread.ofPlatform().name("conveyor-listener").daemon().start(this::listen);
            }
        }
        return () -> callbacks.remove(entry);
    }

    private void listen() {
        Duration pause = FIRST_PAUSE;
        boolean deaf = false;
        while (isOpen()) {
            try (Connection connection = connector.open()) {
                if (!publish(connection)) {
                    return;
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute(channel.listen());
                }
                if (deaf) {
                    LOG.info("Listening again for queued work on channel {}", channel);
                    deaf = false;
                }
                pause = FIRST_PAUSE;
                callBack();
                hear(connection);
            } catch (SQLException | RuntimeException e) {
                if (!isOpen()) {
                    return;
                }
                if (!deaf) {
                    LOG.warn("Not hearing of queued work on channel {} ({}); idle workers poll until the listener "
                            + "has reconnected", channel, e.getMessage());
                    deaf = true;
                }
                pauseFor(pause);
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            } finally {
                publish(null);
            }
        }
    }

    /** Makes {@code connection} the one close() ends; false, and nothing kept, when the listener is closed. */
    private boolean publish(Connection connection) {
        synchronized (lifecycle) {
            listening = closed ? null : connection;
            return !closed;
        }
    }

    /** Waits for notifications until closed; throws when the connection fails. */
    private void hear(Connection connection) throws SQLException {
        PGConnection notifications = connection.unwrap(PGConnection.class);
        long lastHeard = System.nanoTime();
        while (isOpen()) {
            PGNotification[] heard = notifications.getNotifications(waitMillis);
            if (heard != null && heard.length > 0) {
                callBack();
                lastHeard = System.nanoTime();
            } else if (System.nanoTime() - lastHeard > CHECK_AFTER_NANOS) {
                if (!connection.isValid(5)) {
                    throw new SQLException("the listening connection stopped answering");
                }
                lastHeard = System.nanoTime();
            }
        }
    }

    private void callBack() {
        for (Callback entry : callbacks) {
            try {
                entry.callback.run();
            } catch (RuntimeException e) {
                LOG.warn("A callback for queued work on channel {} failed", channel, e);
            }
        }
    }

    private boolean isOpen() {
        synchronized (lifecycle) {
            return !closed;
        }
    }

    private void pauseFor(Duration pause) {
        synchronized (lifecycle) {
            if (!closed) {
                try {
                    lifecycle.wait(pause.toMillis());
                } catch (InterruptedException e) {
                    closed = true;
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * Stops listening and forgets the callbacks. The listening session is ended at once ({@link Connection#abort},
     * which closes its socket under a wait for notifications), rather than waited for until its wait is over.
     */
    @Override
    public void close() {
        Thread listener;
        Connection session;
        synchronized (lifecycle) {
            closed = true;
            lifecycle.notifyAll();
            listener = thread;
            session = listening;
            listening = null;
        }
        callbacks.clear();
        if (session != null) {
            try {
                session.abort(Runnable::run);
            } catch (SQLException | RuntimeException e) {
                LOG.debug("Ending the listening session on channel {} failed; it ends after its wait", channel, e);
            }
        }
        if (listener != null) {
            try {
                listener.join(CLOSE_WAIT.plus(Duration.ofMillis(waitMillis)).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A registered callback, by identity: registering the same one twice gives two registrations. */
    private static final class Callback {
        private final Runnable callback;

        private Callback(Runnable callback) {
            this.callback = callback;
        }
    }
}
