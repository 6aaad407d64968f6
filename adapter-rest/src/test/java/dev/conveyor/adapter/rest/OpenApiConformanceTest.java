package dev.conveyor.adapter.rest;

import dev.conveyor.adapter.rest.support.ApiResponse;
import dev.conveyor.adapter.rest.support.OpenApiConformance;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The check every end-to-end exchange goes through finds what it must: each departure from the document, made
 * once on purpose here, is reported, and a conforming exchange is not.
 */
class OpenApiConformanceTest {

    private static final OpenApiConformance DOCUMENT = OpenApiConformance.document();
    private static final String ID = "0b6f3c1e-2f0a-4c55-9a53-6d1f0e8f4a10";
    private static final String PROGRESS = "{\"data\": {\"job_id\": \"" + ID + "\", \"status\": \"queued\","
            + " \"pipeline_progress\": 0, \"current_step\": null, \"steps\": [], \"is_processing\": false,"
            + " \"error\": null, \"estimated_remaining_seconds\": null, \"estimated_completion_at\": null,"
            + " \"status_detail\": null, \"unit\": null, \"cost_so_far_usd\": 0.0}, \"error\": null}";

    @Test
    void aConformingAnswerPasses() {
        assertEquals(List.of(), problems(get("/api/v1/jobs/" + ID + "/progress"), 200, PROGRESS, "ETag", "\"x\""));
    }

    @Test
    void anUndocumentedFieldFails() {
        String extra = PROGRESS.replace("\"unit\": null,", "\"unit\": null, \"secret\": 1,");

        assertReported(problems(get("/api/v1/jobs/" + ID + "/progress"), 200, extra, "ETag", "\"x\""), "secret");
    }

    @Test
    void aValueOutsideItsEnumOrTypeFails() {
        String badStatus = "{\"data\": {\"jobs\": [], \"next_cursor\": 7}, \"error\": null}";

        assertReported(problems(get("/api/v1/jobs"), 200, badStatus, "ETag", "\"x\""), "next_cursor");
        assertReported(problems(get("/api/v1/jobs/" + ID), 404,
                "{\"data\": null, \"error\": {\"code\": \"no_such_code\", \"message\": \"m\"}}"), "code");
    }

    @Test
    void anUndocumentedStatusFails() {
        assertReported(problems(get("/api/v1/jobs/" + ID + "/progress"), 418,
                "{\"data\": null, \"error\": {\"code\": \"bad_request\", \"message\": \"m\"}}"), "418");
    }

    @Test
    void aMissingRequiredHeaderFails() {
        assertReported(problems(get("/api/v1/jobs/" + ID + "/progress"), 200, PROGRESS), "ETag");
    }

    @Test
    void anUnknownPathMustBeThe404Envelope() {
        assertReported(problems(get("/api/v1/nothing"), 200, "{\"data\": {}, \"error\": null}"), "404");
        assertEquals(List.of(), problems(get("/api/v1/nothing"), 404,
                "{\"data\": null, \"error\": {\"code\": \"not_found\", \"message\": \"m\"}}"));
    }

    @Test
    void aRequestOffTheDocumentMustBeRefused() {
        HttpRequest noPipeline = HttpRequest.newBuilder(URI.create("http://h/api/v1/jobs"))
                .header("Authorization", "Bearer t").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\": {}}")).build();
        String job = "{\"data\": null, \"error\": {\"code\": \"invalid_request\", \"message\": \"m\"}}";

        assertEquals(List.of(), DOCUMENT.problems(noPipeline, Optional.of("{\"input\": {}}".getBytes(
                StandardCharsets.UTF_8)), answer(400, job)));
        assertReported(DOCUMENT.problems(noPipeline, Optional.of("{\"input\": {}}".getBytes(StandardCharsets.UTF_8)),
                answer(201, job, "Location", "/api/v1/jobs/" + ID)), "not refused");
    }

    @Test
    void theMetricsScrapeAtTheServersRootIsCheckedAgainstItsOwnPlainTextAnswers() {
        HttpRequest anonymous = HttpRequest.newBuilder(URI.create("http://h/metrics")).GET().build();
        String meters = "# TYPE conveyor_jobs_submitted_total counter\nconveyor_jobs_submitted_total 1.0\n";

        assertEquals(List.of(), DOCUMENT.problems(anonymous, Optional.empty(),
                answer(200, meters, "Content-Type", "text/plain; version=0.0.4; charset=utf-8")));
        assertEquals(List.of(), DOCUMENT.problems(anonymous, Optional.empty(),
                answer(401, "Scraping the meters needs the metrics token.\n", "Content-Type",
                        "text/plain; charset=utf-8")));
        assertReported(DOCUMENT.problems(anonymous, Optional.empty(), answer(200, "{}")), "text/plain");
        assertReported(DOCUMENT.problems(anonymous, Optional.empty(), answer(418, "teapot\n", "Content-Type",
                "text/plain; charset=utf-8")), "418");
    }

    @Test
    void everyOperationHasAnIdAndEveryErrorAnswerTheEnvelope() {
        DOCUMENT.json().get("paths").properties().forEach(path -> OpenApiConformance.operations(path.getValue())
                .forEach(op -> {
            assertTrue(op.getValue().hasNonNull("operationId"), path.getKey() + " " + op.getKey());
            op.getValue().get("responses").properties().forEach(response -> {
                if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                    assertTrue(response.getValue().path("$ref").asText().startsWith("#/components/responses/"),
                            path.getKey() + " " + op.getKey() + " " + response.getKey());
                }
            });
        }));
    }

    private static void assertReported(List<String> problems, String mention) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(mention)), () -> "expected a problem naming '"
                + mention + "', got " + problems);
    }

    private static HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://h" + path)).header("Authorization", "Bearer t").GET().build();
    }

    private static List<String> problems(HttpRequest request, int status, String body, String... headers) {
        return DOCUMENT.problems(request, Optional.empty(), answer(status, body, headers));
    }

    private static ApiResponse answer(int status, String body, String... headers) {
        Map<String, List<String>> map = new java.util.HashMap<>();
        map.put("Content-Type", List.of("application/json"));
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], List.of(headers[i + 1]));
        }
        return new ApiResponse(status, HttpHeaders.of(map, (a, b) -> true), body);
    }
}
