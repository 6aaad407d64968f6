package dev.conveyor.adapter.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conveyor.adapter.rest.auth.Tokens;
import dev.conveyor.adapter.rest.error.JsonErrorPages;
import dev.conveyor.adapter.rest.json.Json;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.memory.PooledMemoryManager;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The API on Grizzly. Closing it is graceful: it reports not ready, stops accepting connections, lets requests
 * in flight finish, then closes what serves them (the engine, the store).
 */
public final class RestServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

    private final HttpServer server;
    private final AutoCloseable backend;
    private final HttpSettings settings;
    private volatile boolean closing;
    private boolean closed;

    private RestServer(HttpSettings settings, RestApi api, Tokens tokens, AutoCloseable backend) {
        this.settings = settings;
        this.backend = backend;
        ObjectMapper mapper = Json.mapper(settings.virtualThreads());
        RestApi guarded = new RestApi(api.commands(), api.queries(), () -> !closing && api.readiness().isReady(),
                api.metrics(), api.deliveries());
        URI base = URI.create("http://" + settings.host() + ":" + settings.port() + "/");
        this.server = GrizzlyHttpServerFactory.createHttpServer(base, ApiApplication.of(guarded, tokens, mapper), false);
        NetworkListener listener = listener();
        TCPNIOTransport transport = listener.getTransport();
        if (settings.virtualThreads()) {
            transport.setWorkerThreadPool(Executors.newVirtualThreadPerTaskExecutor());
            // Grizzly's default memory manager caches buffers per thread, which a thread per request defeats.
            transport.setMemoryManager(new PooledMemoryManager());
        } else {
            if (settings.workerThreads() == HttpSettings.AUTO) {
                throw new IllegalArgumentException("size the HTTP worker pool before starting the server");
            }
            transport.setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig().setPoolName("conveyor-http")
                    .setCorePoolSize(settings.workerThreads()).setMaxPoolSize(settings.workerThreads())
                    .setQueueLimit(-1));
        }
        listener.getKeepAlive().setMaxRequestsCount(-1);
        JsonErrorPages errorPages = new JsonErrorPages(mapper.writer());
        listener.setDefaultErrorPageGenerator(errorPages);
        server.getServerConfiguration().setDefaultErrorPageGenerator(errorPages);
    }

    /** Starts serving {@code api}; {@code backend} is closed after the server, on {@link #close()}. */
    public static RestServer start(HttpSettings settings, RestApi api, Tokens tokens, AutoCloseable backend) {
        RestServer rest = new RestServer(settings, api, tokens, backend);
        try {
            rest.server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + settings.host() + ":" + settings.port()
                    + ": " + e.getMessage(), e);
        }
        return rest;
    }

    /** The port it listens on: the one asked for, or the free one picked for port 0. */
    public int port() {
        return listener().getPort();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closing = true;
        long grace = settings.drainTime().toMillis();
        try {
            server.shutdown(grace, TimeUnit.MILLISECONDS).get(grace + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("requests still in flight after {} ms were cut off", grace);
        } finally {
            server.shutdownNow();
        }
        try {
            backend.close();
        } catch (Exception e) {
            LOG.warn("closing the engine and store failed", e);
        }
    }

    private NetworkListener listener() {
        return server.getListeners().iterator().next();
    }
}
