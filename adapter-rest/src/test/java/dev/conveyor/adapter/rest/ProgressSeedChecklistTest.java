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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The progress endpoint's verification list (fields, per-step timings, ETA, cost, errors), over real HTTP against the real server, with the demo pipeline. */
class ProgressSeedChecklistTest {

    private static final List<String> STEPS = List.of("extract", "classify", "review", "validate", "generate");

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
    void theProgressHasSeed000sFieldsAndWhatAnOverrunNeedsInTheEnvelope() {
        String id = jobs.create("{\"files\": 1, \"time_scale\": 0}");

        ApiResponse response = client.get("api/v1/jobs/" + id + "/progress");

        assertEquals(200, response.status());
        assertEquals("application/json", response.header("Content-Type").orElseThrow());
        assertEquals(Set.of("data", "error"), names(response.json()));
        assertTrue(response.json().get("error").isNull());
        JsonNode data = response.data();
        assertEquals(Set.of("job_id", "status", "pipeline_progress", "current_step", "steps", "is_processing", "error",
                "estimated_remaining_seconds", "estimated_completion_at", "status_detail", "unit", "cost_so_far_usd"),
                names(data));
        assertEquals(id, data.get("job_id").asText());
        assertEquals("created", data.get("status").asText());
        assertEquals(0, data.get("pipeline_progress").asInt());
        assertEquals(STEPS, stepNames(data));
        assertEquals(Set.of("name", "status", "started_at", "completed_at", "duration_ms", "units_done", "units_total"),
                names(data.get("steps").get(0)));
        assertEquals("pending", data.get("steps").get(0).get("status").asText());
    }

    @Test
    void startPollAndSeeTheStepsCompleteInSequenceWithProgressRisingFrom0To100() {
        String id = jobs.create("{\"files\": 4, \"time_scale\": 0.03}");
        List<JsonNode> polls = new ArrayList<>();
        polls.add(jobs.progress(id));

        ApiResponse started = client.post("api/v1/jobs/" + id + "/process");
        polls.addAll(jobs.pollUntil(id, view -> view.get("status").asText().equals("completed"), Duration.ofSeconds(20)));

        assertEquals(202, started.status());
        assertEquals(0, polls.getFirst().get("pipeline_progress").asInt());
        assertEquals(100, polls.getLast().get("pipeline_progress").asInt());
        for (int i = 1; i < polls.size(); i++) {
            assertTrue(polls.get(i).get("pipeline_progress").asInt() >= polls.get(i - 1).get("pipeline_progress").asInt(),
                    "progress went down between polls " + (i - 1) + " and " + i);
        }
        assertTrue(polls.stream().map(p -> p.get("pipeline_progress").asInt()).distinct().count() >= 4,
                "a frontend polling sees progress move in steps, not jump from 0 to 100");
        List<String> running = polls.stream().filter(p -> !p.get("current_step").isNull())
                .map(p -> p.get("current_step").asText()).distinct().toList();
        assertEquals(List.of("extract", "classify", "validate", "generate"), running.stream()
                .filter(s -> !s.equals("review")).toList(), "steps ran in sequence");
        assertTrue(polls.stream().anyMatch(p -> p.get("status").asText().equals("extracting")),
                "while extract runs, the status is the seeds' 'extracting'");
    }

    @Test
    void eachStepGoesFromPendingToRunningToCompleted() {
        String id = jobs.create("{\"files\": 3, \"time_scale\": 0.04}");
        List<JsonNode> polls = new ArrayList<>();
        polls.add(jobs.progress(id));

        client.post("api/v1/jobs/" + id + "/process");
        polls.addAll(jobs.pollUntil(id, view -> view.get("status").asText().equals("completed"), Duration.ofSeconds(20)));

        for (int step : List.of(0, 1)) {
            assertEquals(List.of("pending", "running", "completed"), distinctInOrder(polls, step), STEPS.get(step));
        }
        for (int step : List.of(2, 3, 4)) {
            List<String> seen = distinctInOrder(polls, step);
            assertTrue(List.of(List.of("pending", "completed"), List.of("pending", "running", "completed")).contains(seen),
                    STEPS.get(step) + " went through " + seen);
        }
        for (JsonNode step : polls.getLast().get("steps")) {
            assertEquals("completed", step.get("status").asText(), step::toString);
            assertFalse(step.get("started_at").isNull());
            assertFalse(step.get("completed_at").isNull());
            assertTrue(step.get("duration_ms").isNumber());
        }
        JsonNode extractRunning = polls.stream().filter(p -> p.get("steps").get(0).get("status").asText().equals("running"))
                .findFirst().orElseThrow();
        assertFalse(extractRunning.get("steps").get(0).get("started_at").isNull());
        assertTrue(extractRunning.get("steps").get(0).get("completed_at").isNull());
    }

    @Test
    void aFailedPipelineShowsAUserFriendlyErrorAndStopsProcessing() {
        String id = jobs.start("{\"time_scale\": 0, \"fail\": {\"step\": \"validate\", \"kind\": \"permanent\"}}");

        JsonNode stopped = jobs.awaitStopped(id);

        assertEquals("failed", stopped.get("status").asText());
        assertFalse(stopped.get("is_processing").asBoolean());
        JsonNode error = stopped.get("error");
        assertEquals("simulated_failure", error.get("code").asText());
        String message = error.get("message").asText();
        assertTrue(message.contains("Retry the job"), message);
        assertFalse(message.contains("Exception") || message.contains("dev.conveyor"), message);
        assertEquals("failed", stopped.get("steps").get(3).get("status").asText());
        assertEquals("validate", stopped.get("current_step").asText());
        assertTrue(stopped.get("estimated_remaining_seconds").isNull());
    }

    @Test
    void completionSetsIsProcessingFalseWithNoEstimateLeftAndTheCost() {
        String id = jobs.start("{\"files\": 2, \"time_scale\": 0}");

        JsonNode done = jobs.awaitStopped(id);

        assertEquals("completed", done.get("status").asText());
        assertFalse(done.get("is_processing").asBoolean());
        assertEquals(100, done.get("pipeline_progress").asInt());
        assertTrue(done.get("current_step").isNull());
        assertTrue(done.get("estimated_remaining_seconds").isNull());
        assertEquals(0.003, done.get("cost_so_far_usd").asDouble(), 1e-9);
    }

    @Test
    void whileRunningThereIsAnEstimateOfTheSecondsLeft() {
        String id = jobs.start("{\"files\": 2, \"time_scale\": 0.2}");

        List<JsonNode> polls = jobs.pollUntil(id, view -> view.get("status").asText().equals("extracting"),
                Duration.ofSeconds(10));

        JsonNode running = polls.getLast();
        assertTrue(running.get("is_processing").asBoolean());
        assertTrue(running.get("estimated_remaining_seconds").isIntegralNumber(), running::toString);
        Instant completion = Instant.parse(running.get("estimated_completion_at").asText());
        assertTrue(running.get("estimated_completion_at").asText().matches(
                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z"), running::toString);
        assertTrue(completion.isAfter(Instant.now().minusSeconds(1)), running::toString);
        assertEquals("files", running.get("unit").asText(), "extract counts files");
        client.post("api/v1/jobs/" + id + "/cancel");
    }

    private static List<String> stepNames(JsonNode progress) {
        List<String> names = new ArrayList<>();
        progress.get("steps").forEach(step -> names.add(step.get("name").asText()));
        return names;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new java.util.HashSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static List<String> distinctInOrder(List<JsonNode> polls, int step) {
        List<String> seen = new ArrayList<>();
        for (JsonNode poll : polls) {
            String status = poll.get("steps").get(step).get("status").asText();
            if (seen.isEmpty() || !seen.getLast().equals(status)) {
                seen.add(status);
            }
        }
        return seen;
    }
}
