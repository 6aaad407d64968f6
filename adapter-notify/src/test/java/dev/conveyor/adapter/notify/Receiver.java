package dev.conveyor.adapter.notify;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

/**
 * A real webhook receiver on 127.0.0.1 (the JDK's HTTP server): records every request and answers with the status
 * {@code answers} gives, optionally hanging until released.
 */
final class Receiver implements AutoCloseable {

    /** One request as it arrived. */
    record Request(String id, String timestamp, String signature, String contentType, String body) {
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile IntSupplier answers = () -> 204;
    private volatile boolean hang;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hook", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            var headers = exchange.getRequestHeaders();
            requests.add(new Request(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"), headers.getFirst("content-type"), body));
            if (hang) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(answers.getAsInt(), -1);
            exchange.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    Receiver answering(IntSupplier statuses) {
        this.answers = statuses;
        return this;
    }

    /** Every request waits, unanswered, until {@link #close()}. */
    Receiver hanging() {
        this.hang = true;
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    static Map<String, String> header(Request request) {
        return Map.of("webhook-id", request.id(), "webhook-timestamp", request.timestamp(), "webhook-signature",
                request.signature());
    }

    @Override
    public void close() {
        release.countDown();
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
        }
    }
}
