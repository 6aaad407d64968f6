package dev.conveyor.adapter.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP server that answers {@code GET /metrics} for a process that serves no API, such as
 * {@code conveyor worker --metrics-port N}: the JDK's own HTTP server on one daemon thread, a scrape at a time.
 */
public final class MetricsServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService thread;

    private MetricsServer(HttpServer server, ExecutorService thread) {
        this.server = server;
        this.thread = thread;
    }

    /**
     * Listens on {@code host:port} (port 0 picks a free one).
     *
     * @throws UncheckedIOException when the address cannot be bound (the port is taken, say)
     */
    public static MetricsServer start(ConveyorMetrics metrics, String host, int port, ScrapeAccess access) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the meters on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "conveyor-metrics");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(thread);
        server.createContext("/", exchange -> answer(exchange, metrics, access));
        server.start();
        return new MetricsServer(server, thread);
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, ConveyorMetrics metrics, ScrapeAccess access) throws IOException {
        try (exchange) {
            ScrapeAnswer answer;
            if (!"/metrics".equals(exchange.getRequestURI().getPath())) {
                answer = new ScrapeAnswer(404, "text/plain; charset=utf-8", "Only /metrics is served here.\n");
            } else if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                answer = new ScrapeAnswer(405, "text/plain; charset=utf-8", "Scrape the meters with GET.\n");
            } else {
                answer = access.answer(Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")),
                        metrics);
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(answer.status(), head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    /** Stops listening at once. */
    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
