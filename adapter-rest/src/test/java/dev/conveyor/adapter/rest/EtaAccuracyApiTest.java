package dev.conveyor.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conveyor.adapter.rest.support.ApiClient;
import dev.conveyor.adapter.rest.support.ApiResponse;
import dev.conveyor.adapter.rest.support.DemoJobs;
import dev.conveyor.adapter.rest.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /pipelines} shows how far each pipeline's recent ETAs could be trusted, from its completed runs. */
class EtaAccuracyApiTest {

    private static TestServer server;
    private static ApiClient client;
    private static DemoJobs jobs;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        client = server.client();
        jobs = new DemoJobs(client);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void eachCompletedRunAddsASampleOfTheErrorAt25And50And75PercentAndAFailedRunNone() {
        JsonNode before = demoAccuracy();
        assertEquals(0, before.get("samples").asLong());
        assertEquals(0, before.get("mape_percent_at").size(), "no error before a run is judged");

        JsonNode failed = jobs.awaitStopped(jobs.start(
                "{\"files\": 2, \"time_scale\": 0.02, \"fail\": {\"step\": \"validate\", \"kind\": \"permanent\"}}"));
        assertEquals("failed", failed.get("status").asText());
        assertEquals(0, demoAccuracy().get("samples").asLong(), "a failed run is not judged");

        for (int run = 1; run <= 2; run++) {
            JsonNode done = jobs.awaitStopped(jobs.start("{\"files\": 2, \"time_scale\": 0.02}"));
            assertEquals("completed", done.get("status").asText());

            JsonNode accuracy = demoAccuracy();
            assertEquals(run, accuracy.get("samples").asLong());
            JsonNode errors = accuracy.get("mape_percent_at");
            assertEquals(List.of("25", "50", "75"), fieldNames(errors));
            for (JsonNode error : errors) {
                assertTrue(error.isNumber() && error.asDouble() >= 0.0 && Double.isFinite(error.asDouble()),
                        errors::toString);
            }
        }
    }

    private static JsonNode demoAccuracy() {
        ApiResponse response = client.get("api/v1/pipelines");
        assertEquals(200, response.status());
        for (JsonNode pipeline : response.data()) {
            if (pipeline.get("name").asText().equals("demo")) {
                return pipeline.get("eta_accuracy");
            }
        }
        throw new AssertionError("no demo pipeline in " + response.data());
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
