package dev.conveyor.adapter.cli.engine;

import java.util.Objects;
import java.util.Optional;

/**
 * Where an engine serves its meters ({@code GET /metrics}, Prometheus text format) while it runs.
 *
 * @param host  the address to listen on
 * @param port  the port; 0 picks a free one
 * @param token the token a scrape must send as {@code Authorization: Bearer}; without one the meters are open on a
 *              loopback address and refused on any other
 */
public record MetricsPort(String host, int port, Optional<String> token) {

    public MetricsPort {
        Objects.requireNonNull(host, "host must not be null");
        Objects.requireNonNull(token, "token must not be null");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be from 0 to 65535, got " + port);
        }
    }
}
