package com.example.reports;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole application on the real PostgreSQL (spring.datasource.url, from CONVEYOR_DB_URL or the local
 * server): a report submitted over HTTP runs to completion, and Actuator's health shows Conveyor up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReportsApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Autowired
    private Environment environment;

    @Test
    void aReportRunsToCompletionAndTheHealthShowsConveyorUp() throws Exception {
        HttpResponse<String> submitted = send(HttpRequest.newBuilder(uri("/reports"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"Q3\", \"pages\": 5}")).build());
        assertEquals(202, submitted.statusCode(), submitted.body());
        String id = JSON.readTree(submitted.body()).get("id").asString();

        JsonNode report = null;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            report = JSON.readTree(send(HttpRequest.newBuilder(uri("/reports/" + id)).GET().build()).body());
            if (report.get("status").asString().equals("completed")) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals("completed", report.get("status").asString(), report.toString());
        assertEquals(100, report.get("progress").asInt());
        assertEquals("Q3: 1250 words", report.get("summary").asString());

        HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/actuator/health")).GET().build());
        JsonNode conveyor = JSON.readTree(health.body()).get("components").get("conveyor");
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("UP", conveyor.get("status").asString(), health.body());
        assertTrue(conveyor.get("details").get("store").asString().startsWith("postgresql"), health.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
