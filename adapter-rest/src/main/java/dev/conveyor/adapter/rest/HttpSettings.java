package dev.conveyor.adapter.rest;

import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP server listens and serves.
 *
 * @param workerThreads  platform threads serving requests (they block on the job store), when not virtual
 * @param virtualThreads serve every request on its own virtual thread instead
 * @param drainTime      how long a shutdown lets requests in flight finish
 */
public record HttpSettings(String host, int port, int workerThreads, boolean virtualThreads, Duration drainTime) {

    public static final int DEFAULT_PORT = 8080;
    /** Enough threads to keep a PostgreSQL pool busy while others parse and write: blocking calls need more than 2 × cores. */
    public static final int DEFAULT_WORKER_THREADS = 32;

    public HttpSettings {
        Objects.requireNonNull(host, "host must not be null");
        Objects.requireNonNull(drainTime, "drainTime must not be null");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        if (workerThreads < 1 || workerThreads > 1_000) {
            throw new IllegalArgumentException("workerThreads must be in [1, 1000], got " + workerThreads);
        }
    }

    /** Every interface, the given port (0 picks a free one), the default pool, 5 s to drain. */
    public static HttpSettings onPort(int port) {
        return new HttpSettings("0.0.0.0", port, DEFAULT_WORKER_THREADS, false, Duration.ofSeconds(5));
    }

    public HttpSettings withHost(String value) {
        return new HttpSettings(value, port, workerThreads, virtualThreads, drainTime);
    }
}
