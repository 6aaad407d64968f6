package dev.conveyor.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conveyor.adapter.rest.support.ApiClient;
import dev.conveyor.adapter.rest.support.ApiResponse;
import dev.conveyor.adapter.rest.support.DemoJobs;
import dev.conveyor.adapter.rest.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/v1/jobs/{id}/events}: a job's audit trail with user-facing messages; internal details for admin
 * tokens only; another tenant's job a 404; paged. On the in-memory store and on PostgreSQL.
 */
class JobEventsApiTest {

    private static final String FAILING = "{\"files\": 1, \"time_scale\": 0, \"fail\": {\"step\": \"classify\", "
            + "\"kind\": \"permanent\"}}";

    private static TestServer server;
    private static ApiClient writer;
    private static String failedJob;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        writer = server.client();
        DemoJobs jobs = new DemoJobs(writer);
        failedJob = jobs.start(FAILING);
        assertEquals("failed", jobs.awaitStopped(failedJob).get("status").asText());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theTrailTellsWhatHappenedInOrderWithUserFacingMessages() {
        List<JsonNode> events = awaitEvents(writer, failedJob, "pipeline_failed");
        List<String> types = events.stream().map(e -> e.get("type").asText()).toList();

        assertTrue(types.indexOf("pipeline_extract_start") < types.indexOf("pipeline_extract_complete"), types::toString);
        assertTrue(types.indexOf("pipeline_extract_complete") < types.indexOf("pipeline_classify_failed"), types::toString);
        JsonNode failed = event(events, "pipeline_classify_failed");
        assertEquals("classify", failed.get("step").asText());
        assertEquals("simulated_failure", failed.get("details").get("code").asText());
        assertTrue(failed.get("message").asText().startsWith("Step classify failed: The classify step failed on purpose"),
                failed::toString);
        assertTrue(event(events, "pipeline_failed").get("message").asText().contains("It can be retried"));
        List<String> times = events.stream().map(e -> e.get("at").asText()).toList();
        assertEquals(times.stream().sorted().toList(), times, "oldest first");
    }

    @Test
    void readAndWriteTokensNeverSeeInternalDetails() {
        for (ApiClient client : List.of(writer, writer.as(TestServer.ACME_READER))) {
            for (JsonNode event : awaitEvents(client, failedJob, "pipeline_failed")) {
                assertFalse(event.has("internal"), event::toString);
                assertFalse(event.get("details").has("detail"), event::toString);
                assertFalse(event.get("details").has("worker"), event::toString);
            }
        }
    }

    @Test
    void anAdminTokenAlsoSeesTheInternalDetails() {
        List<JsonNode> events = awaitEvents(writer.as(TestServer.ACME_ADMIN), failedJob, "pipeline_failed");

        JsonNode failed = event(events, "pipeline_classify_failed");
        assertTrue(failed.get("internal").get("detail").asText().contains("simulated_failure")
                || failed.get("internal").get("detail").asText().contains("failed on purpose"), failed::toString);
        assertNotNull(event(events, "pipeline_start").get("internal").get("worker"));
        assertFalse(failed.get("details").has("detail"));
    }

    @Test
    void anotherTenantsJobIsNotFound() {
        ApiResponse response = writer.as(TestServer.GLOBEX_WRITER).get("api/v1/jobs/" + failedJob + "/events");

        assertEquals(404, response.status(), response::toString);
        assertEquals("job_not_found", response.errorCode());
        assertEquals(404, writer.get("api/v1/jobs/00000000-0000-0000-0000-000000000001/events").status());
        assertEquals(404, writer.get("api/v1/jobs/not-a-uuid/events").status());
        assertEquals(401, writer.anonymous().get("api/v1/jobs/" + failedJob + "/events").status());
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() {
        List<JsonNode> all = awaitEvents(writer, failedJob, "pipeline_failed");
        List<JsonNode> paged = new ArrayList<>();
        String path = "api/v1/jobs/" + failedJob + "/events?limit=2";
        int pages = 0;
        while (path != null) {
            ApiResponse page = writer.get(path);
            assertEquals(200, page.status(), page::toString);
            page.data().get("events").forEach(paged::add);
            assertTrue(page.data().get("events").size() <= 2);
            JsonNode next = page.data().get("next_cursor");
            path = next.isNull() ? null : "api/v1/jobs/" + failedJob + "/events?limit=2&cursor=" + next.asText();
            pages++;
        }

        assertEquals(all, paged);
        assertEquals((all.size() + 1) / 2, pages);
    }

    @Test
    void aBadLimitOrCursorIsNamed() {
        ApiResponse limit = writer.get("api/v1/jobs/" + failedJob + "/events?limit=0");
        ApiResponse cursor = writer.get("api/v1/jobs/" + failedJob + "/events?cursor=nonsense");

        assertEquals(400, limit.status(), limit::toString);
        assertEquals("invalid_parameter", limit.errorCode());
        assertTrue(limit.errorMessage().contains("limit"));
        assertEquals(400, cursor.status(), cursor::toString);
        assertEquals("invalid_parameter", cursor.errorCode());
        assertTrue(cursor.errorMessage().contains("cursor"));
    }

    private static JsonNode event(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.get("type").asText().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " among " + events));
    }

    /**
     * The job's whole trail once it holds {@code last}: audit hooks other than the store's own log hear of events
     * just after their transitions commit, so the trail may trail the job's state by a moment.
     */
    private static List<JsonNode> awaitEvents(ApiClient client, String id, String last) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            ApiResponse response = client.get("api/v1/jobs/" + id + "/events?limit=500");
            assertEquals(200, response.status(), response::toString);
            List<JsonNode> events = new ArrayList<>();
            response.data().get("events").forEach(events::add);
            if (events.stream().anyMatch(e -> e.get("type").asText().equals(last))) {
                return events;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + last + " in the trail within 10 s: " + events);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
