package dev.conveyor.adapter.rest;

import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP server listens and serves.
 *
 * @param workerThreads  platform threads serving requests, when not virtual; {@link #AUTO} (with
 *                       {@code virtualThreads} false) lets the composition root choose for its store
 * @param virtualThreads serve every request on its own virtual thread instead
 * @param drainTime      how long a shutdown lets requests in flight finish
 */
public record HttpSettings(String host, int port, int workerThreads, boolean virtualThreads, Duration drainTime) {

    public static final int DEFAULT_PORT = 8080;
    /** How requests are served is chosen for the store: see {@link #withDefaultServing(boolean, int)}. */
    public static final int AUTO = 0;

    public HttpSettings {
        Objects.requireNonNull(host, "host must not be null");
        Objects.requireNonNull(drainTime, "drainTime must not be null");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        if (workerThreads < AUTO || workerThreads > 1_000) {
            throw new IllegalArgumentException("workerThreads must be in [0 (auto), 1000], got " + workerThreads);
        }
    }

    /** Every interface, the given port (0 picks a free one), a pool sized for the store, 5 s to drain. */
    public static HttpSettings onPort(int port) {
        return new HttpSettings("0.0.0.0", port, AUTO, false, Duration.ofSeconds(5));
    }

    /**
     * These settings serving requests as the store suits, unless the user chose already: on virtual threads
     * when {@code virtual}, else on a pool of {@code threads} platform threads.
     */
    public HttpSettings withDefaultServing(boolean virtual, int threads) {
        if (virtualThreads || workerThreads != AUTO) {
            return this;
        }
        return virtual ? new HttpSettings(host, port, AUTO, true, drainTime)
                : new HttpSettings(host, port, threads, false, drainTime);
    }

    public HttpSettings withHost(String value) {
        return new HttpSettings(value, port, workerThreads, virtualThreads, drainTime);
    }
}
