package dev.conveyor.adapter.rest;

import dev.conveyor.adapter.rest.auth.Tokens;
import dev.conveyor.adapter.rest.support.ApiClient;
import dev.conveyor.adapter.rest.support.ApiResponse;
import dev.conveyor.adapter.rest.support.DemoJobs;
import dev.conveyor.adapter.rest.support.TestServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /metrics} after real runs: the right counts and histograms, in Prometheus text format. */
class MetricsEndpointTest {

    @Test
    void aScrapeAfterARunShowsTheJobsStepsAndRetries() {
        try (TestServer server = TestServer.start()) {
            DemoJobs jobs = new DemoJobs(server.client());
            String good = jobs.start("{\"time_scale\": 0}");
            String healed = jobs.start("{\"time_scale\": 0, \"fail\": {\"step\": \"classify\", \"kind\": "
                    + "\"transient\", \"times\": 1}}");
            String broken = jobs.start("{\"time_scale\": 0, \"fail\": {\"step\": \"validate\", \"kind\": "
                    + "\"permanent\"}}");
            assertEquals("completed", jobs.awaitStopped(good).get("status").asText());
            assertEquals("completed", jobs.awaitStopped(healed).get("status").asText());
            assertEquals("failed", jobs.awaitStopped(broken).get("status").asText());

            ApiResponse scrape = server.client().anonymous().get("metrics");

            assertEquals(200, scrape.status(), "open on 127.0.0.1 without a metrics token: " + scrape.body());
            String type = scrape.header("Content-Type").orElseThrow();
            assertTrue(type.startsWith("text/plain") && type.contains("version=0.0.4"), type);
            String text = scrape.body();
            assertEquals(3.0, value(text, "conveyor_jobs_submitted_total", "pipeline=\"demo\""));
            assertEquals(2.0, value(text, "conveyor_jobs_completed_total", "pipeline=\"demo\""));
            assertEquals(1.0, value(text, "conveyor_jobs_failed_total", "pipeline=\"demo\"", "step=\"validate\"",
                    "code=\"simulated_failure\""));
            assertEquals(1.0, value(text, "conveyor_step_retries_total", "step=\"classify\"",
                    "code=\"temporarily_unavailable\""));
            assertEquals(3.0, value(text, "conveyor_step_duration_seconds_count", "step=\"extract\"",
                    "outcome=\"completed\""));
            assertEquals(3.0, value(text, "conveyor_step_duration_seconds_bucket", "step=\"extract\"",
                    "outcome=\"completed\"", "le=\"+Inf\""));
            assertEquals(1.0, value(text, "conveyor_step_duration_seconds_count", "step=\"validate\"",
                    "outcome=\"failed\""));
            assertEquals(0.0, value(text, "conveyor_steps_running", "step=\"classify\""));
            assertEquals(0.0, value(text, "conveyor_queue_depth"));
            assertTrue(text.contains("jvm_memory_used_bytes"), "the JVM's own meters come too");
            if (server.schema().isPresent()) {
                assertTrue(value(text, "conveyor_store_commit_writes_count") > 0, "the store's commits are metered");
                assertTrue(text.contains("hikaricp_connections_active"), "and its connection pool");
            }
            for (String id : new String[] {good, healed, broken}) {
                assertTrue(!text.contains(id), "no job id is ever a label");
            }
        }
    }

    @Test
    void aMetricsTokenGuardsTheScrapeAndNoMetricsTurnsItOff() {
        ServerOptions local = ServerOptions.parse(new String[] {"--host", "127.0.0.1", "--port", "0", "--workers",
                "1", "--metrics-token", "scrape-token-0001"}, Map.of());
        Tokens tokens = Tokens.parseList("metrics-test-token-001:acme:write");
        try (RestServer server = ServerMain.start(local, tokens, Map.of())) {
            ApiClient client = new ApiClient(URI.create("http://127.0.0.1:" + server.port() + "/"), Optional.empty());

            assertEquals(401, client.get("metrics").status());
            assertEquals(401, client.as("metrics-test-token-001").get("metrics").status(),
                    "a tenant's token is not the metrics token");
            assertEquals(200, client.as("scrape-token-0001").get("metrics").status());
        }
        ServerOptions off = ServerOptions.parse(new String[] {"--host", "127.0.0.1", "--port", "0", "--workers", "1",
                "--no-metrics"}, Map.of());
        try (RestServer server = ServerMain.start(off, tokens, Map.of())) {
            ApiClient client = new ApiClient(URI.create("http://127.0.0.1:" + server.port() + "/"), Optional.empty());

            assertEquals(404, client.get("metrics").status());
        }
    }

    /** The value of the one sample line named so that has all these labels. */
    private static double value(String text, String name, String... labels) {
        var lines = text.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains)).toList();
        assertEquals(1, lines.size(), "one sample " + name + " " + Arrays.toString(labels) + " in:\n" + text);
        String line = lines.getFirst();
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
