package dev.conveyor.adapter.rest.support;

import dev.conveyor.adapter.rest.RestServer;
import dev.conveyor.adapter.rest.ServerMain;
import dev.conveyor.adapter.rest.ServerOptions;
import dev.conveyor.adapter.rest.auth.Tokens;
import dev.conveyor.testing.postgres.TestPostgres;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The real server (composition root, engine, Jersey on Grizzly) on a free port of 127.0.0.1, with tokens for
 * two tenants: acme (a writer, a reader and an admin) and globex (a writer).
 */
public final class TestServer implements AutoCloseable {

    public static final String ACME_WRITER = "acme-writer-token-0001";
    public static final String ACME_READER = "acme-reader-token-0001";
    public static final String ACME_ADMIN = "acme-admin-token-00001";
    public static final String GLOBEX_WRITER = "globex-writer-token-01";

    private static final Tokens TOKENS = Tokens.parseList(ACME_WRITER + ":acme:write," + ACME_READER + ":acme:read,"
            + ACME_ADMIN + ":acme:admin," + GLOBEX_WRITER + ":globex:write");

    private final RestServer server;
    private final ApiClient client;

    private final Runnable cleanup;
    private final Optional<String> schema;

    private TestServer(ServerOptions options, Map<String, String> env, Optional<String> schema, Runnable cleanup) {
        this.cleanup = cleanup;
        this.schema = schema;
        this.server = ServerMain.start(options, TOKENS, env);
        this.client = new ApiClient(URI.create("http://127.0.0.1:" + server.port() + "/"), Optional.of(ACME_WRITER));
    }

    /**
     * The store the end-to-end suite runs on: in memory, or PostgreSQL when the system property
     * {@code conveyor.test.store} is {@code postgres} (the build's second test run sets it).
     */
    public static TestServer start() {
        return "postgres".equals(System.getProperty("conveyor.test.store")) ? onPostgres() : inMemory();
    }

    /** In memory, with two job threads. */
    public static TestServer inMemory() {
        return inMemory(Map.of());
    }

    /** In memory, with two job threads, and this environment (notifications, timeouts). */
    public static TestServer inMemory(Map<String, String> env) {
        ServerOptions options = ServerOptions.inMemory(0, 2);
        return new TestServer(new ServerOptions(options.http().withHost("127.0.0.1"), options.tokensFile(),
                options.workers(), options.dbUrl(), false), env, Optional.empty(), () -> { });
    }

    /**
     * On the real PostgreSQL ({@link TestPostgres}: {@code CONVEYOR_TEST_DB_URL}, else the local one, else an
     * embedded one), in a schema of its own that is dropped again on close. Fails, never skips, when the database
     * cannot be reached.
     */
    public static TestServer onPostgres() {
        return onPostgres(url -> url, 2, PATIENT);
    }

    /**
     * Store timeouts for tests that are not about timeouts: on a loaded machine a call can wait seconds for a pooled
     * connection or an answer, and the defaults (1 s, 2 s) would turn that wait into a 503.
     */
    private static final Map<String, String> PATIENT = Map.of("CONVEYOR_DB_CONNECT_TIMEOUT", "30s",
            "CONVEYOR_DB_STATEMENT_TIMEOUT", "30s");

    /**
     * On the real PostgreSQL as {@link #onPostgres()}, reached at the URL {@code route} makes of the server's (a
     * TCP proxy's, to make it fail), with {@code workers} job threads.
     */
    public static TestServer onPostgres(java.util.function.UnaryOperator<String> route, int workers) {
        return onPostgres(route, workers, Map.of());
    }

    private static TestServer onPostgres(java.util.function.UnaryOperator<String> route, int workers,
                                         Map<String, String> timeouts) {
        TestPostgres.Server db = TestPostgres.server();
        String schema = "rest_e2e_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        ServerOptions options = ServerOptions.inMemory(0, workers);
        Map<String, String> env = new java.util.HashMap<>(Map.of("CONVEYOR_DB_USER", db.user(), "CONVEYOR_DB_SCHEMA", schema));
        env.putAll(timeouts);
        if (!db.password().isEmpty()) {
            env.put("CONVEYOR_DB_PASSWORD", db.password());
        }
        return new TestServer(new ServerOptions(options.http().withHost("127.0.0.1"), options.tokensFile(),
                options.workers(), Optional.of(route.apply(db.url())), false), env, Optional.of(schema),
                () -> dropSchema(db, schema));
    }

    private static void dropSchema(TestPostgres.Server db, String schema) {
        try (var connection = java.sql.DriverManager.getConnection(db.url(), db.user(), db.password());
             var statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not drop test schema " + schema, e);
        }
    }

    /** The PostgreSQL schema the server works in; empty in memory. */
    public Optional<String> schema() {
        return schema;
    }

    /** A client with acme's write token. */
    public ApiClient client() {
        return client;
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        cleanup.run();
    }
}
