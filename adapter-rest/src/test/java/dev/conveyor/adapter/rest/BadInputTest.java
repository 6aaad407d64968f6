package dev.conveyor.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conveyor.adapter.rest.support.ApiClient;
import dev.conveyor.adapter.rest.support.ApiResponse;
import dev.conveyor.adapter.rest.support.DemoJobs;
import dev.conveyor.adapter.rest.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of bad request gets its status, a stable code and an actionable message in the envelope, never a
 * stack trace, class name or library message; and the server keeps serving after each.
 */
class BadInputTest {

    /** Words that would betray internals in a response body. */
    private static final List<String> LEAKS = List.of("exception", "java.", "jakarta.", "org.glassfish", "com.fasterxml",
            "dev.conveyor", "\tat ", "caused by", "jackson", "jersey", "grizzly", "hk2", "sql", "<html", "stack",
            "nullpointer", "illegalargument", "class ");

    private static final String JOBS = "api/v1/jobs";
    private static final String A_UUID = "1b4e28ba-2fa1-11d2-883f-0016d3cca427";

    private static TestServer server;
    private static ApiClient client;
    private static String job;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        client = server.client();
        job = new DemoJobs(client).create("{\"time_scale\": 0}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Bad(String name, Function<ApiClient, ApiResponse> call, int status, String code, String mentions) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Bad> badRequests() {
        return List.of(
                json("malformed JSON", "{\"pipeline\": \"demo\",", 400, "malformed_json", "line 1"),
                json("unknown field", "{\"pipeline\": \"demo\", \"inptu\": {}}", 400, "unknown_field", "'inptu'"),
                json("unknown nested field", "{\"pipeline\": \"demo\", \"options\": {\"skip\": true}}", 400,
                        "unknown_field", "'options.skip'"),
                json("number for a text", "{\"pipeline\": 5}", 400, "invalid_field", "'pipeline'"),
                json("list for an object", "{\"pipeline\": \"demo\", \"input\": [1]}", 400, "invalid_field", "'input'"),
                json("text for a boolean", "{\"pipeline\": \"demo\", \"options\": {\"skip_review\": \"yes\"}}", 400,
                        "invalid_field", "'options.skip_review'"),
                json("number for a boolean", "{\"pipeline\": \"demo\", \"start\": 1}", 400, "invalid_field", "'start'"),
                json("threshold out of range", "{\"pipeline\": \"demo\", \"options\": {\"auto_approve_above\": 5}}",
                        400, "invalid_field", "'options.auto_approve_above'"),
                json("no pipeline", "{\"input\": {}}", 400, "invalid_field", "'pipeline'"),
                json("null pipeline", "{\"pipeline\": null}", 400, "invalid_field", "'pipeline'"),
                json("unknown pipeline", "{\"pipeline\": \"nope\"}", 422, "unknown_pipeline", "demo"),
                json("unknown start step", "{\"pipeline\": \"demo\", \"options\": {\"start_from\": \"x\"}}", 400,
                        "invalid_request", "start_from"),
                json("empty body", "", 400, "empty_body", "JSON object"),
                json("blank body", "  \n ", 400, "empty_body", "JSON object"),
                json("JSON null", "null", 400, "empty_body", "JSON object"),
                json("a list", "[1, 2]", 400, "invalid_body", "JSON object"),
                json("a text", "\"demo\"", 400, "invalid_body", "JSON object"),
                json("trailing garbage", "{\"pipeline\": \"demo\"} {}", 400, null, null),
                json("duplicate field", "{\"pipeline\": \"demo\", \"pipeline\": \"x\"}", 400, "malformed_json", null),
                json("nested too deep", "{\"pipeline\": \"demo\", \"input\": {\"a\": " + "[".repeat(100)
                        + "]".repeat(100) + "}}", 400, "body_too_complex", "nested"),
                json("number too long", "{\"pipeline\": \"demo\", \"input\": {\"n\": " + "9".repeat(500) + "}}",
                        400, "body_too_complex", null),
                json("infinite number", "{\"pipeline\": \"demo\", \"input\": {\"n\": 1e999}}", 400, "invalid_field",
                        "'input'"),
                json("control character", "{\"pipeline\": \"de\u0001mo\"}", 400, "malformed_json", null),
                new Bad("invalid UTF-8", c -> c.send(c.request(JOBS).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"',
                                ':', '1', '}'}))), 400, "malformed_json", null),
                new Bad("body over 1 MiB", c -> c.post(JOBS, bigBody()), 413, "payload_too_large", "1 MiB"),
                new Bad("chunked body over 1 MiB", c -> c.send(c.request(JOBS).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                                bigBody().getBytes(StandardCharsets.UTF_8))))), 413, "payload_too_large", "1 MiB"),
                new Bad("text/plain body", c -> c.send(c.request(JOBS).header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"pipeline\": \"demo\"}"))), 415,
                        "unsupported_media_type", "application/json"),
                new Bad("form body", c -> c.send(c.request(JOBS).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("pipeline=demo"))), 415, "unsupported_media_type", null),
                new Bad("non-UUID job", c -> c.get(JOBS + "/abc"), 404, "job_not_found", null),
                new Bad("non-UUID progress", c -> c.get(JOBS + "/abc/progress"), 404, "job_not_found", null),
                new Bad("non-UUID process", c -> c.post(JOBS + "/12345678-1234-1234-1234-12345678901Z/process"), 404,
                        "job_not_found", null),
                new Bad("SQL in the id", c -> c.get(JOBS + "/1%27%20OR%20%271%27%3D%271/progress"), 404, "job_not_found",
                        null),
                new Bad("unknown job", c -> c.get(JOBS + "/" + A_UUID), 404, "job_not_found", null),
                new Bad("unknown route", c -> c.get("api/v1/nothing"), 404, "not_found", "/api/v1"),
                new Bad("unknown root", c -> c.get("index.php"), 404, "not_found", null),
                new Bad("unknown job action", c -> c.post(JOBS + "/" + A_UUID + "/explode"), 404, "not_found", null),
                new Bad("wrong method on jobs", c -> c.send(c.request(JOBS).DELETE()), 405, "method_not_allowed", "Allow"),
                new Bad("wrong method on progress", c -> c.post(JOBS + "/" + A_UUID + "/progress"), 405,
                        "method_not_allowed", null),
                new Bad("GET on an action", c -> c.get(JOBS + "/" + A_UUID + "/process"), 405, "method_not_allowed", null),
                new Bad("limit zero", c -> c.get(JOBS + "?limit=0"), 400, "invalid_parameter", "'limit'"),
                new Bad("limit not a number", c -> c.get(JOBS + "?limit=ten"), 400, "invalid_parameter", "'limit'"),
                new Bad("limit too large", c -> c.get(JOBS + "?limit=100000"), 400, "invalid_parameter", "'limit'"),
                new Bad("unknown status", c -> c.get(JOBS + "?status=done"), 400, "invalid_parameter", "completed"),
                new Bad("forged cursor", c -> c.get(JOBS + "?cursor=bm90LWEtY3Vyc29y"), 400, "invalid_parameter",
                        "'cursor'"),
                new Bad("decisions missing", c -> c.post(JOBS + "/" + job + "/resume", "{}"), 400, "invalid_field",
                        "'decisions'"),
                new Bad("decision without verdict", c -> c.post(JOBS + "/" + job + "/resume",
                        "{\"decisions\": [{\"item_id\": \"a\"}]}"), 400, "invalid_field", "'decisions[0].approved'"),
                new Bad("decisions not a list", c -> c.post(JOBS + "/" + job + "/resume", "{\"decisions\": \"all\"}"),
                        400, "invalid_field", "'decisions'"),
                new Bad("HTML only accepted", c -> c.send(c.request("api/v1/pipelines").header("Accept", "text/html")
                        .GET()), 406, "not_acceptable", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void aBadRequestGetsItsStatusCodeAndAnActionableMessageAndTheServerGoesOn(Bad bad) {
        ApiResponse response = bad.call().apply(client);

        assertEquals(bad.status(), response.status(), response::toString);
        assertEquals("application/json", response.header("Content-Type").orElse("").split(";")[0]);
        JsonNode envelope = response.json();
        assertEquals(Set.of("data", "error"), Set.copyOf(iterable(envelope.fieldNames())));
        assertTrue(envelope.get("data").isNull());
        assertEquals(Set.of("code", "message"), Set.copyOf(iterable(envelope.get("error").fieldNames())));
        if (bad.code() != null) {
            assertEquals(bad.code(), response.errorCode(), response::toString);
        }
        if (bad.mentions() != null) {
            assertTrue(response.errorMessage().contains(bad.mentions()) || response.header("Allow").isPresent(),
                    response::toString);
        }
        assertNoLeak(response);
        assertEquals(200, client.get("health").status(), "the server still answers after: " + bad.name());
    }

    @Test
    void afterEveryBadRequestAJobStillRunsToTheEnd() {
        badRequests().forEach(bad -> bad.call().apply(client));

        DemoJobs jobs = new DemoJobs(client);
        String id = jobs.start("{\"files\": 2, \"time_scale\": 0}");

        assertEquals("completed", jobs.awaitStopped(id).get("status").asText());
    }

    @Test
    void aRequestWithAnOversizedAnnouncedLengthIsRefusedBeforeItsBodyIsRead() {
        ApiResponse response = client.send(client.request(JOBS).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(bigBody())));

        assertEquals(413, response.status());
        assertFalse(response.body().isEmpty());
    }

    private static Bad json(String name, String body, int status, String code, String mentions) {
        return new Bad(name, c -> c.post(JOBS, body), status, code, mentions);
    }

    private static String bigBody() {
        return "{\"pipeline\": \"demo\", \"input\": {\"blob\": \"" + "x".repeat(1024 * 1024) + "\"}}";
    }

    static void assertNoLeak(ApiResponse response) {
        String body = response.body().toLowerCase(java.util.Locale.ROOT);
        for (String leak : LEAKS) {
            assertFalse(body.contains(leak), "'" + leak + "' in " + response.body());
        }
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> list = new java.util.ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
