package dev.conveyor.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conveyor.adapter.rest.support.ApiClient;
import dev.conveyor.adapter.rest.support.ApiResponse;
import dev.conveyor.adapter.rest.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.conveyor.adapter.rest.support.TestServer.GLOBEX_WRITER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client that retries {@code POST /jobs} with its Idempotency-Key gets its first job back, never a second one. */
class IdempotencyApiTest {

    private static final String JOB = "{\"pipeline\": \"demo\", \"input\": {\"files\": 2, \"time_scale\": 0}}";
    private static final String OTHER_JOB = "{\"pipeline\": \"demo\", \"input\": {\"files\": 3, \"time_scale\": 0}}";

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

    private static ApiResponse post(ApiClient as, String key, String body) {
        return as.send(as.request("api/v1/jobs").header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String key() {
        return "order-" + UUID.randomUUID();
    }

    @Test
    void theSameRequestAgainIsA200WithTheFirstJob() {
        String key = key();

        ApiResponse first = post(client, key, JOB);
        ApiResponse again = post(client, key,
                "{\"input\": {\"time_scale\": 0.0, \"files\": 2}, \"pipeline\": \"demo\"}");

        assertEquals(201, first.status(), first::toString);
        assertFalse(first.header("Idempotent-Replayed").isPresent());
        assertEquals(200, again.status(), again::toString);
        assertEquals("true", again.header("Idempotent-Replayed").orElse(""));
        assertEquals(first.data().get("id").asText(), again.data().get("id").asText());
    }

    @Test
    void aJobShowsTheKeyItWasSubmittedUnderAndAJobWithoutOneShowsNull() {
        String key = key();
        String id = post(client, key, JOB).data().get("id").asText();
        String unkeyed = client.post("api/v1/jobs", JOB).data().get("id").asText();

        JsonNode keyed = client.get("api/v1/jobs/" + id).data();
        JsonNode plain = client.get("api/v1/jobs/" + unkeyed).data();

        assertEquals(key, keyed.get("idempotency_key").asText(), keyed::toString);
        assertTrue(plain.get("idempotency_key").isNull(), plain::toString);
    }

    @Test
    void theListShowsEachJobsKeyTooAndNullForAJobWithoutOne() {
        String key = key();
        String id = post(client, key, JOB).data().get("id").asText();
        String unkeyed = client.post("api/v1/jobs", JOB).data().get("id").asText();

        JsonNode listed = client.get("api/v1/jobs?limit=100").data().get("jobs");

        JsonNode keyed = summaryOf(listed, id);
        JsonNode plain = summaryOf(listed, unkeyed);
        assertEquals(key, keyed.get("idempotency_key").asText(), keyed::toString);
        assertTrue(plain.get("idempotency_key").isNull(), plain::toString);
    }

    private static JsonNode summaryOf(JsonNode jobs, String id) {
        for (JsonNode job : jobs) {
            if (job.get("id").asText().equals(id)) {
                return job;
            }
        }
        throw new AssertionError("job " + id + " is not in the list " + jobs);
    }

    @Test
    void theSameKeyWithADifferentRequestIs409IdempotencyConflict() {
        String key = key();
        String id = post(client, key, JOB).data().get("id").asText();

        ApiResponse conflict = post(client, key, OTHER_JOB);

        assertEquals(409, conflict.status(), conflict::toString);
        assertEquals("idempotency_conflict", conflict.errorCode());
        assertTrue(conflict.errorMessage().contains(key) && conflict.errorMessage().contains(id),
                conflict::toString);
    }

    @Test
    void keysArePerTenant() {
        String key = key();
        String acme = post(client, key, JOB).data().get("id").asText();

        ApiResponse globex = post(client.as(GLOBEX_WRITER), key, JOB);

        assertEquals(201, globex.status(), globex::toString);
        assertNotEquals(acme, globex.data().get("id").asText());
    }

    @Test
    void aBadKeyIsA400SayingWhatAKeyMayBe() {
        ApiResponse tooLong = post(client, "k".repeat(256), JOB);
        ApiResponse blank = post(client, " ", JOB);
        ApiResponse mismatch = post(client, "a", "{\"pipeline\": \"demo\", \"input\": {\"files\": 1}, "
                + "\"idempotency_key\": \"b\"}");

        for (ApiResponse refused : List.of(tooLong, blank, mismatch)) {
            assertEquals(400, refused.status(), refused::toString);
            assertEquals("invalid_idempotency_key", refused.errorCode());
        }
        assertTrue(tooLong.errorMessage().contains("at most 255 characters"), tooLong::toString);
    }

    @Test
    void eachJobOfABatchMayCarryItsOwnKey() {
        String a = key();
        String b = key();
        String batch = "{\"jobs\": [" + withKey(JOB, a) + ", " + withKey(OTHER_JOB, b) + "]}";

        JsonNode first = client.post("api/v1/jobs/batch", batch).data();
        ApiResponse againResponse = client.post("api/v1/jobs/batch", "{\"jobs\": [" + withKey(JOB, a) + ", "
                + withKey(JOB, b) + ", " + JOB + "]}");
        JsonNode again = againResponse.data();

        assertEquals(2, first.get("accepted").asInt(), first::toString);
        assertFalse(first.get("results").get(0).get("replayed").asBoolean());
        assertEquals(200, againResponse.status());
        JsonNode replayed = again.get("results").get(0);
        assertTrue(replayed.get("replayed").asBoolean(), again::toString);
        assertEquals(first.get("results").get(0).get("job").get("id"), replayed.get("job").get("id"));
        assertEquals("idempotency_conflict", again.get("results").get(1).get("error").get("code").asText());
        assertFalse(again.get("results").get(2).get("replayed").asBoolean());
        assertEquals(2, again.get("accepted").asInt());
    }

    @Test
    void ofSixteenConcurrentPostsWithOneKeyExactlyOneCreatesTheJob() throws Exception {
        String key = key();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ApiResponse>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return post(client, key, JOB);
                }));
            }
            go.countDown();
            Set<String> ids = new HashSet<>();
            int created = 0;
            for (Future<ApiResponse> answer : answers) {
                ApiResponse response = answer.get(60, TimeUnit.SECONDS);
                assertTrue(response.status() == 201 || response.status() == 200, response::toString);
                created += response.status() == 201 ? 1 : 0;
                ids.add(response.data().get("id").asText());
            }

            assertEquals(1, ids.size(), "every answer names the one job");
            assertEquals(1, created, "exactly one answer created it");
        } finally {
            pool.shutdownNow();
        }
    }

    private static String withKey(String job, String key) {
        return job.substring(0, job.length() - 1) + ", \"idempotency_key\": \"" + key + "\"}";
    }
}
