package dev.conveyor.adapter.rest;

import dev.conveyor.adapter.rest.support.ApiClient;
import dev.conveyor.adapter.rest.support.ApiResponse;
import dev.conveyor.adapter.rest.support.DemoJobs;
import dev.conveyor.adapter.rest.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP methods nobody writes a resource for still answer in the envelope: OPTIONS, HEAD, TRACE. */
class ProtocolTest {

    private static TestServer server;
    private static ApiClient client;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        client = server.client();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void optionsListsTheAllowedMethodsInTheEnvelope() {
        ApiResponse options = client.send(client.request("api/v1/jobs").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertEquals(200, options.status(), options::toString);
        List<String> allow = new ArrayList<>();
        options.data().get("allow").forEach(method -> allow.add(method.asText()));
        assertEquals(List.of("GET", "HEAD", "OPTIONS", "POST"), allow);
        assertTrue(options.json().get("error").isNull());
    }

    @Test
    void headOfTheProgressGivesItsHeadersWithoutTheBody() {
        String id = new DemoJobs(client).create("{\"time_scale\": 0}");
        String etag = client.get("api/v1/jobs/" + id + "/progress").header("ETag").orElseThrow();

        ApiResponse head = client.send(client.request("api/v1/jobs/" + id + "/progress")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertEquals(200, head.status());
        assertEquals(etag, head.header("ETag").orElseThrow());
        assertEquals("", head.body());
    }

    @Test
    void traceIsRefusedWithTheEnvelope() {
        ApiResponse trace = client.send(client.request("api/v1/jobs").method("TRACE", HttpRequest.BodyPublishers.noBody()));

        assertEquals(405, trace.status());
        assertEquals("method_not_allowed", trace.errorCode());
    }
}
