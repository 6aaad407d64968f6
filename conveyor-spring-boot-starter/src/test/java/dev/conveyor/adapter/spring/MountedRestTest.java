package dev.conveyor.adapter.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.context.annotation.Import;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conveyor's REST API and dashboard mounted in the application's own web server under conveyor.rest.path: a job
 * submitted and its progress polled through it with a token from conveyor.rest.tokens, and 401 without one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "conveyor.workers=1", "conveyor.rest.enabled=true", "conveyor.rest.path=/ops/conveyor",
        "conveyor.rest.tokens=acme-writer-token-0123456789:acme:write"})
class MountedRestTest {

    private static final String TOKEN = "acme-writer-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @SpringBootConfiguration
    @ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, ConveyorAutoConfiguration.class})
    @Import(ConveyorAutoConfigurationTest.OnePipeline.class)
    static class Application {
    }

    @LocalServerPort
    int port;

    @Test
    void aJobSubmittedThroughTheMountedApiRunsAndItsProgressIsPolled() throws Exception {
        HttpResponse<String> submitted = send(request("/api/v1/jobs").header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"pipeline\": \"greetings\", \"input\": {\"name\": \"ada\"}, \"start\": true}")));
        assertEquals(201, submitted.statusCode(), submitted.body());
        String id = JSON.readTree(submitted.body()).get("data").get("id").asText();

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode progress;
        do {
            HttpResponse<String> polled = send(request("/api/v1/jobs/" + id + "/progress")
                    .header("Authorization", "Bearer " + TOKEN).GET());
            assertEquals(200, polled.statusCode(), polled.body());
            progress = JSON.readTree(polled.body()).get("data");
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the job did not complete: " + polled.body());
            }
            Thread.sleep(20);
        } while (!"completed".equals(progress.get("status").asText()));
        assertEquals(100, progress.get("pipeline_progress").asInt(), progress.toString());
    }

    @Test
    void withoutATokenTheApiAnswers401() throws Exception {
        HttpResponse<String> answer = send(request("/api/v1/jobs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"pipeline\": \"greetings\", \"input\": {}}")));

        assertEquals(401, answer.statusCode(), answer.body());
        assertEquals("unauthenticated", JSON.readTree(answer.body()).get("error").get("code").asText(), answer.body());
    }

    @Test
    void theDashboardAnswersUnderThePathItsAssetsAndApiBesideIt() throws Exception {
        HttpResponse<String> bare = send(request("").GET());
        assertEquals(308, bare.statusCode(), bare.body());
        assertEquals("/ops/conveyor/", URI.create(bare.headers().firstValue("Location").orElseThrow()).getPath());

        HttpResponse<String> page = send(request("/").GET());
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("src=\"assets/app.js\""), page.body());
        assertEquals(200, send(request("/assets/app.js").GET()).statusCode());
        assertEquals(200, send(request("/health").GET()).statusCode());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ops/conveyor" + path));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
