package dev.conveyor.adapter.rest;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code GET /metrics} answers: the composition root hands in the metrics adapter's scrape, which decides
 * from the request's {@code Authorization} header whether the caller may read the meters.
 */
@FunctionalInterface
public interface MetricsScrape {

    /** The meters are not served ({@code --no-metrics}): 404. */
    MetricsScrape OFF = authorization -> new Page(404, "text/plain; charset=utf-8",
            "The meters are not served here: the server was started with --no-metrics.\n");

    /** @param authorization the request's {@code Authorization} header, if it sent one */
    Page scrape(Optional<String> authorization);

    /** The status, content type and body of the answer. */
    record Page(int status, String contentType, String body) {
        public Page {
            Objects.requireNonNull(contentType, "contentType must not be null");
            Objects.requireNonNull(body, "body must not be null");
        }
    }
}
