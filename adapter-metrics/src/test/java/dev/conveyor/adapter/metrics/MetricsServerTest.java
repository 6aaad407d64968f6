package dev.conveyor.adapter.metrics;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The meters over HTTP: open on loopback without a token, else only with the metrics token. */
class MetricsServerTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void onLoopbackWithoutATokenAnyoneOnThisHostMayScrape() throws Exception {
        try (ConveyorMetrics metrics = ConveyorMetrics.prometheus();
             MetricsServer server = MetricsServer.start(metrics, "127.0.0.1", 0,
                     ScrapeAccess.of(Optional.empty(), "127.0.0.1"))) {
            metrics.listener().jobSubmitted("demo");

            HttpResponse<String> scrape = get(server, "/metrics", Optional.empty());

            assertEquals(200, scrape.statusCode());
            assertEquals(ConveyorMetrics.CONTENT_TYPE, scrape.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(1.0, Scraped.of(scrape.body()).valueOf("conveyor_jobs_submitted_total", "pipeline=demo"));
            assertEquals(404, get(server, "/other", Optional.empty()).statusCode());
        }
    }

    @Test
    void withATokenAScrapeMustSendIt() throws Exception {
        try (ConveyorMetrics metrics = ConveyorMetrics.prometheus();
             MetricsServer server = MetricsServer.start(metrics, "127.0.0.1", 0,
                     ScrapeAccess.of(Optional.of("s3cret"), "127.0.0.1"))) {
            assertEquals(401, get(server, "/metrics", Optional.empty()).statusCode());
            assertEquals(401, get(server, "/metrics", Optional.of("Bearer wrong")).statusCode());
            HttpResponse<String> scrape = get(server, "/metrics", Optional.of("Bearer s3cret"));
            assertEquals(200, scrape.statusCode());
            assertTrue(Scraped.of(scrape.body()).has("jvm_threads_live_threads"));
        }
    }

    @Test
    void onAnyOtherAddressWithoutATokenScrapesAreRefused() {
        ScrapeAccess wide = ScrapeAccess.of(Optional.empty(), "0.0.0.0");
        try (ConveyorMetrics metrics = ConveyorMetrics.prometheus()) {
            ScrapeAnswer answer = wide.answer(Optional.of("Bearer anything"), metrics);

            assertEquals(403, answer.status());
            assertTrue(answer.body().contains("CONVEYOR_METRICS_TOKEN"), answer.body());
            assertFalse(wide.canAdmit());
            assertTrue(ScrapeAccess.of(Optional.of("t"), "0.0.0.0").canAdmit());
            assertTrue(ScrapeAccess.of(Optional.of(" "), "localhost").isOpen(), "a blank token is no token");
        }
    }

    private static HttpResponse<String> get(MetricsServer server, String path, Optional<String> authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).GET();
        authorization.ifPresent(value -> request.header("Authorization", value));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
