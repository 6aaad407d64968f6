package dev.conveyor.adapter.metrics;

import java.util.Objects;

/**
 * What a scrape of the meters is answered: 200 with the meters in Prometheus text format, or a refusal (401, 403)
 * with a one-line reason in plain text.
 */
public record ScrapeAnswer(int status, String contentType, String body) {

    public ScrapeAnswer {
        Objects.requireNonNull(contentType, "contentType must not be null");
        Objects.requireNonNull(body, "body must not be null");
    }

    static ScrapeAnswer ok(String meters) {
        return new ScrapeAnswer(200, ConveyorMetrics.CONTENT_TYPE, meters);
    }

    static ScrapeAnswer refused(int status, String reason) {
        return new ScrapeAnswer(status, "text/plain; charset=utf-8", reason + "\n");
    }
}
