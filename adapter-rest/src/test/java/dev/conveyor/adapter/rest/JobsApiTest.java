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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Creating, reading, listing and starting jobs, and the pipelines, through the API. */
class JobsApiTest {

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
    void pipelinesListsTheDemoWithItsStepsWeightsAndEstimates() {
        ApiResponse response = client.get("api/v1/pipelines");

        assertEquals(200, response.status());
        JsonNode demo = response.data().get(0);
        assertEquals("demo", demo.get("name").asText());
        assertEquals(100, demo.get("total_weight").asInt());
        JsonNode extract = demo.get("steps").get(0);
        assertEquals("extract", extract.get("name").asText());
        assertEquals(25, extract.get("weight").asInt());
        assertEquals("per_unit", extract.get("estimate").get("type").asText());
        assertEquals(5.0, extract.get("estimate").get("seconds").asDouble());
        assertEquals("files", extract.get("estimate").get("units_key").asText());
        assertEquals("review_gate", demo.get("steps").get(2).get("kind").asText());
        assertEquals("fixed", demo.get("steps").get(3).get("estimate").get("type").asText());
    }

    @Test
    void creatingAJobAnswers201WithItsLocationAndTheJobNotStarted() {
        ApiResponse created = client.post("api/v1/jobs", "{\"pipeline\": \"demo\", \"input\": {\"files\": 2},"
                + " \"options\": {\"skip_review\": true, \"auto_approve_above\": 0.5}}");

        assertEquals(201, created.status(), created::toString);
        JsonNode job = created.data();
        assertTrue(created.header("Location").orElseThrow().endsWith("/api/v1/jobs/" + job.get("id").asText()));
        assertEquals("created", job.get("status").asText());
        assertFalse(job.get("is_processing").asBoolean());
        assertEquals(2, job.get("input").get("files").asInt());
        assertTrue(job.get("options").get("skip_review").asBoolean());
        assertEquals(0.5, job.get("options").get("auto_approve_above").asDouble());
        assertEquals(5, job.get("steps").size());
    }

    @Test
    void creatingWithStartTrueQueuesItAtOnce() {
        ApiResponse created = client.post("api/v1/jobs", "{\"pipeline\": \"demo\", \"input\": {\"time_scale\": 0},"
                + " \"start\": true}");

        assertEquals(201, created.status(), created::toString);
        assertTrue(created.data().get("is_processing").asBoolean());
        assertEquals("completed", jobs.awaitStopped(created.data().get("id").asText()).get("status").asText());
    }

    @Test
    void processAnswers202WithTheEstimatedDurationOfTheWholeRun() {
        try (TestServer fresh = TestServer.start()) {
            String id = new DemoJobs(fresh.client()).create("{\"files\": 3, \"time_scale\": 0}");

            ApiResponse started = fresh.client().post("api/v1/jobs/" + id + "/process");

            assertEquals(202, started.status(), started::toString);
            assertEquals(27, started.data().get("estimated_duration_seconds").asLong(),
                    "3 files: extract 15 s + classify 9 s + validate 1 s + generate 2 s, nothing learned yet");
            assertEquals("queued", started.data().get("job").get("status").asText());
        }
    }

    @Test
    void theFullJobShowsEveryStepWithASummaryOfItsOutput() {
        String id = jobs.start("{\"files\": [\"a.pdf\", \"b.pdf\"], \"time_scale\": 0}");
        jobs.awaitStopped(id);

        JsonNode job = jobs.job(id);

        assertEquals("completed", job.get("status").asText());
        JsonNode extract = job.get("steps").get(0);
        assertEquals(8, extract.get("output_summary").get("pages").asInt());
        assertEquals(2, extract.get("units_done").asInt());
        assertEquals(2, extract.get("units_total").asInt());
        assertEquals(1, extract.get("attempts").asInt());
        assertTrue(job.get("input").get("files").isArray(), "the input is shown as given");
        assertEquals(0.003, job.get("steps").get(1).get("cost_usd").asDouble(), 1e-9);
        assertFalse(job.get("finished_at").isNull());
    }

    @Test
    void theListFiltersByStatusAndPipelineAndPagesWithACursor() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(jobs.create("{\"time_scale\": 0}"));
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ApiResponse page = client.get("api/v1/jobs?status=created&pipeline=demo&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals(200, page.status(), page::toString);
            page.data().get("jobs").forEach(job -> {
                assertEquals("created", job.get("status").asText());
                seen.add(job.get("id").asText());
            });
            JsonNode next = page.data().get("next_cursor");
            cursor = next.isNull() ? null : next.asText();
            pages++;
        } while (cursor != null && pages < 100);

        assertTrue(seen.containsAll(created), "every created job is listed once across the pages");
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no job is listed twice");
        assertTrue(pages >= 3);
        assertEquals(0, client.get("api/v1/jobs?pipeline=other").data().get("jobs").size());
    }

    @Test
    void anUnknownPipelineIs422NamingTheKnownOnes() {
        ApiResponse response = client.post("api/v1/jobs", "{\"pipeline\": \"translate\", \"input\": {}}");

        assertEquals(422, response.status(), response::toString);
        assertEquals("unknown_pipeline", response.errorCode());
        assertTrue(response.errorMessage().contains("demo"), response.errorMessage());
    }
}
