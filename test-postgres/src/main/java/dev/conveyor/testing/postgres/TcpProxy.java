package dev.conveyor.testing.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy between the code under test and PostgreSQL, for outages without touching the shared server: it
 * forwards bytes both ways until told to fail in one of the ways a network or a database fails.
 * <ul>
 *   <li>{@link #blackhole()}: nothing moves in either direction, on open connections and new ones (their
 *       handshake completes, then the server seems frozen); {@link #restore()} lets the held bytes go on, as TCP
 *       retransmission would;</li>
 *   <li>{@link #refuse()}: open connections are reset and new ones refused (the port is closed), as when the
 *       database is down;</li>
 *   <li>{@link #cutAfterNextRequest()}: the next statement a client sends reaches PostgreSQL, but its answer
 *       never comes back and the connection is reset: PostgreSQL runs (and commits) what it was sent, the client
 *       cannot know it did. This is a connection lost in the middle of a commit.</li>
 * </ul>
 * Test code only: one thread per direction per connection.
 */
public final class TcpProxy implements AutoCloseable {

    private enum Mode { FORWARD, BLACKHOLE, REFUSE }

    private final InetSocketAddress target;
    private final int port;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private final AtomicBoolean cutArmed = new AtomicBoolean();
    private volatile Mode mode = Mode.FORWARD;
    private volatile ServerSocket listener;
    private volatile boolean closed;

    private TcpProxy(InetSocketAddress target) {
        this.target = target;
        this.listener = bind(0);
        this.port = listener.getLocalPort();
        startAccepting(listener);
    }

    /** A proxy on a free port of 127.0.0.1 to {@code host:port}. */
    public static TcpProxy to(String host, int port) {
        return new TcpProxy(new InetSocketAddress(host, port));
    }

    /** A proxy to the server a JDBC URL names ({@code jdbc:postgresql://host:port/db…}). */
    public static TcpProxy toJdbcUrl(String jdbcUrl) {
        java.net.URI uri = java.net.URI.create(jdbcUrl.substring("jdbc:".length()));
        return to(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort());
    }

    /** {@code jdbcUrl} with its host and port replaced by this proxy's. */
    public String route(String jdbcUrl) {
        java.net.URI uri = java.net.URI.create(jdbcUrl.substring("jdbc:".length()));
        String authority = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        return jdbcUrl.replaceFirst(java.util.regex.Pattern.quote(authority), "127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Connections open through the proxy now. */
    public int connections() {
        return links.size();
    }

    /** Nothing moves any more, either way, until {@link #restore()}. */
    public void blackhole() {
        mode = Mode.BLACKHOLE;
    }

    /** Resets every open connection and refuses new ones until {@link #restore()}. */
    public void refuse() {
        mode = Mode.REFUSE;
        closeQuietly(listener);
        links.forEach(Link::reset);
    }

    /** Resets every open connection at once; new ones are let through. */
    public void dropConnections() {
        links.forEach(Link::reset);
    }

    /**
     * The next statement any client sends is delivered, and then that connection is reset without letting
     * PostgreSQL's answer through (after {@code 200 ms}, time for PostgreSQL to have run what it got). A new
     * connection's start-up and a pool's empty validation query are let through.
     */
    public void cutAfterNextRequest() {
        cutArmed.set(true);
    }

    /** Whether an armed {@link #cutAfterNextRequest()} has happened. */
    public boolean cutDone() {
        return !cutArmed.get();
    }

    /** Forwards again: held bytes go on, the port accepts again. */
    public void restore() {
        if (mode == Mode.REFUSE) {
            listener = bindWithRetries(port);
            startAccepting(listener);
        }
        synchronized (gate) {
            mode = Mode.FORWARD;
            gate.notifyAll();
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        links.forEach(Link::reset);
        synchronized (gate) {
            gate.notifyAll();
        }
    }

    private void startAccepting(ServerSocket socket) {
        Thread.ofVirtual().name("tcp-proxy-accept-" + port).start(() -> {
            while (!closed && !socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    Thread.ofVirtual().start(() -> open(client));
                } catch (IOException e) {
                    return; // closed: refusing, or the proxy closed
                }
            }
        });
    }

    private void open(Socket client) {
        awaitForwarding(); // a new connection in a blackhole hangs like the others
        if (mode == Mode.REFUSE || closed) {
            closeQuietly(client);
            return;
        }
        Socket server = new Socket();
        try {
            server.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
            server.connect(target, 5_000);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(server);
            return;
        }
        Link link = new Link(client, server);
        links.add(link);
        Thread.ofVirtual().start(() -> link.pump(client, server, true));
        Thread.ofVirtual().start(() -> link.pump(server, client, false));
    }

    /** Waits while the proxy blackholes; returns at once otherwise. */
    private void awaitForwarding() {
        synchronized (gate) {
            while (mode == Mode.BLACKHOLE && !closed) {
                try {
                    gate.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** One proxied connection: the client's socket and PostgreSQL's. */
    private final class Link {
        private final Socket client;
        private final Socket server;
        private volatile boolean cut;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void pump(Socket from, Socket to, boolean request) {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    awaitForwarding();
                    if (cut && !request) {
                        continue; // the answer to the cut request never arrives
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                    if (request && isStatement(buffer, n) && cutArmed.compareAndSet(true, false)) {
                        cut = true;
                        Thread.ofVirtual().start(() -> {
                            try {
                                Thread.sleep(200);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            reset();
                        });
                    }
                }
            } catch (IOException e) {
                // the other side went away, or the link was reset
            } finally {
                reset();
            }
        }

        /**
         * A chunk that carries a statement: it begins with a Parse, Bind or Query message and is longer than the
         * empty query a pool validates connections with. Not a new connection's start-up packet.
         */
        private static boolean isStatement(byte[] chunk, int length) {
            return length >= 64 && (chunk[0] == 'P' || chunk[0] == 'B' || chunk[0] == 'Q');
        }

        void reset() {
            links.remove(this);
            for (Socket socket : new Socket[] {client, server}) {
                try {
                    socket.setSoLinger(true, 0); // an RST, as a dropped connection looks to the driver
                } catch (SocketException e) {
                    // already closed
                }
                closeQuietly(socket);
            }
        }
    }

    private static ServerSocket bind(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    private static ServerSocket bindWithRetries(int port) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try {
                return bind(port);
            } catch (UncheckedIOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception e) {
            // closing anyway
        }
    }

    @Override
    public String toString() {
        return "TcpProxy[127.0.0.1:" + port + " -> " + Objects.toString(target) + ", " + mode + "]";
    }
}
