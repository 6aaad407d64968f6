package dev.conveyor.adapter.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With notifications configured and the REST API mounted, the application's users see the delivery log as the
 * server shows it: {@code GET …/api/v1/webhooks/deliveries} lists what was posted to their webhook and how it went.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "conveyor.workers=1", "conveyor.rest.enabled=true", "conveyor.rest.path=/ops/conveyor",
        "conveyor.rest.tokens=acme-writer-token-0123456789:acme:write"})
class MountedDeliveriesTest {

    private static final String TOKEN = "acme-writer-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final HttpServer RECEIVER = receiver();

    @SpringBootConfiguration
    @ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, ConveyorAutoConfiguration.class,
            ConveyorNotifyAutoConfiguration.class})
    @Import(ConveyorAutoConfigurationTest.OnePipeline.class)
    static class Application {
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void notifications(DynamicPropertyRegistry registry) {
        registry.add("conveyor.notify.json", () -> "{\"webhooks\": [{\"tenant\": \"acme\", \"events\": [\"completed\"],"
                + " \"url\": \"http://127.0.0.1:" + RECEIVER.getAddress().getPort() + "/hook\", \"secret\": "
                + "\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}]}");
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.stop(0);
    }

    @Test
    void aCompletionPostedToTheWebhookIsListedInTheMountedDeliveryLog() throws Exception {
        HttpResponse<String> submitted = send(request("/api/v1/jobs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"pipeline\": \"greetings\", \"input\": {\"name\": \"ada\"}, \"start\": true}")));
        assertEquals(201, submitted.statusCode(), submitted.body());
        String id = JSON.readTree(submitted.body()).get("data").get("id").asText();

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode deliveries;
        do {
            HttpResponse<String> listed = send(request("/api/v1/webhooks/deliveries?job_id=" + id).GET());
            assertEquals(200, listed.statusCode(), listed.body());
            deliveries = JSON.readTree(listed.body()).get("data");
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no delivered completion for " + id + ": " + listed.body());
            }
            Thread.sleep(20);
        } while (deliveries.size() != 1 || !"delivered".equals(deliveries.get(0).get("status").asText()));
        assertEquals("completed", deliveries.get(0).get("event").asText(), deliveries.toString());
        assertEquals("HTTP 204", deliveries.get(0).get("last_result").asText(), deliveries.toString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ops/conveyor" + path))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpServer receiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
