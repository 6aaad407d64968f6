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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The error states a user meets over HTTP: unknown jobs, a failure with a message to act on and a retry that resumes
 * from the failed step, transient failures that heal themselves, the review pause, cancel, and the 409s of
 * commands in the wrong state.
 */
class ErrorStatesTest {

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
    void anUnknownJobIs404WithTheEnvelope() {
        ApiResponse response = client.get("api/v1/jobs/3f1c2b4a-0000-4000-8000-000000000001/progress");

        assertEquals(404, response.status());
        assertTrue(response.json().get("data").isNull());
        assertEquals("job_not_found", response.errorCode());
        assertTrue(response.errorMessage().contains("job id"), response.errorMessage());
    }

    @Test
    void aFailedJobRetriedResumesAtTheFailedStepKeepingTheCompletedOnes() {
        String id = jobs.start("{\"files\": 2, \"time_scale\": 0, \"fail\": {\"step\": \"classify\", \"kind\": \"permanent\"}}");
        JsonNode failed = jobs.awaitStopped(id);
        assertEquals("failed", failed.get("status").asText());
        JsonNode before = jobs.job(id);
        String extractStarted = before.get("steps").get(0).get("started_at").asText();
        assertEquals("failed", before.get("steps").get(1).get("status").asText());
        assertEquals("simulated_failure", before.get("steps").get(1).get("error").get("code").asText());

        ApiResponse retried = client.post("api/v1/jobs/" + id + "/retry");
        JsonNode done = jobs.awaitStopped(id);

        assertEquals(202, retried.status(), retried::toString);
        assertEquals("queued", retried.data().get("status").asText());
        assertEquals("completed", done.get("status").asText());
        assertTrue(done.get("error").isNull());
        JsonNode after = jobs.job(id);
        assertEquals(extractStarted, after.get("steps").get(0).get("started_at").asText(), "extract did not run again");
        assertEquals(1, after.get("steps").get(0).get("attempts").asInt());
    }

    @Test
    void aTransientFailureIsRetriedWithinTheRunAndTheJobCompletes() {
        String id = jobs.start("{\"time_scale\": 0, \"fail\": {\"step\": \"extract\", \"kind\": \"transient\", \"times\": 1}}");

        JsonNode done = jobs.awaitStopped(id);

        assertEquals("completed", done.get("status").asText());
        assertEquals(2, jobs.job(id).get("steps").get(0).get("attempts").asInt());
    }

    @Test
    void aTransientFailureThatOutlastsTheRetriesFailsWithAMessageSayingItWillPass() {
        String id = jobs.start("{\"time_scale\": 0, \"fail\": {\"step\": \"generate\", \"kind\": \"transient\", \"times\": 3}}");

        JsonNode failed = jobs.awaitStopped(id);

        assertEquals("failed", failed.get("status").asText());
        assertEquals("temporarily_unavailable", failed.get("error").get("code").asText());
        assertEquals(3, jobs.job(id).get("steps").get(4).get("attempts").asInt());
    }

    @Test
    void retryingAJobThatDidNotFailIs409() {
        String created = jobs.create("{\"time_scale\": 0}");
        String completed = jobs.start("{\"time_scale\": 0}");
        jobs.awaitStopped(completed);

        for (String id : new String[] {created, completed}) {
            ApiResponse response = client.post("api/v1/jobs/" + id + "/retry");
            assertEquals(409, response.status(), response::toString);
            assertEquals("wrong_state", response.errorCode());
        }
    }

    @Test
    void processingAJobAlreadyProcessingIs409() {
        String id = jobs.start("{\"files\": 1, \"time_scale\": 1}");

        ApiResponse again = client.post("api/v1/jobs/" + id + "/process");

        assertEquals(409, again.status(), again::toString);
        assertEquals("already_processing", again.errorCode());
        client.post("api/v1/jobs/" + id + "/cancel");
    }

    @Test
    void processingAJobWithoutInputIs400() {
        ApiResponse created = client.post("api/v1/jobs", "{\"pipeline\": \"demo\"}");

        ApiResponse process = client.post("api/v1/jobs/" + created.data().get("id").asText() + "/process");

        assertEquals(400, process.status(), process::toString);
        assertEquals("invalid_request", process.errorCode());
        assertTrue(process.errorMessage().contains("no input"), process.errorMessage());
    }

    @Test
    void anUnsureReviewItemPausesTheJobAndResumeWithDecisionsFinishesIt() {
        String id = jobs.start("{\"time_scale\": 0, \"review_items\": [{\"id\": \"total\", \"confidence\": 0.4}]}");
        JsonNode paused = jobs.awaitStopped(id);
        assertEquals("awaiting_review", paused.get("status").asText());
        assertEquals("review", paused.get("current_step").asText());
        assertFalse(paused.get("is_processing").asBoolean());
        assertEquals("total", jobs.job(id).get("review_items").get(0).get("id").asText());

        ApiResponse missing = client.post("api/v1/jobs/" + id + "/resume", "{\"decisions\": []}");
        ApiResponse resumed = client.post("api/v1/jobs/" + id + "/resume",
                "{\"decisions\": [{\"item_id\": \"total\", \"approved\": true, \"comment\": \"checked\"}]}");
        JsonNode done = jobs.awaitStopped(id);

        assertEquals(400, missing.status(), missing::toString);
        assertTrue(missing.errorMessage().contains("total"), missing.errorMessage());
        assertEquals(202, resumed.status(), resumed::toString);
        assertEquals("completed", done.get("status").asText());
        assertEquals("checked", jobs.job(id).get("review_decisions").get(0).get("comment").asText());
    }

    @Test
    void resumingAJobThatIsNotAwaitingReviewIs409() {
        String id = jobs.create("{\"time_scale\": 0}");

        ApiResponse response = client.post("api/v1/jobs/" + id + "/resume", "{\"decisions\": []}");

        assertEquals(409, response.status(), response::toString);
        assertEquals("wrong_state", response.errorCode());
    }

    @Test
    void cancellingARunningJobStopsItAtItsNextCheckpoint() {
        String id = jobs.start("{\"files\": 50, \"time_scale\": 1}");
        jobs.pollUntil(id, view -> view.get("status").asText().equals("extracting"), Duration.ofSeconds(10));

        ApiResponse cancel = client.post("api/v1/jobs/" + id + "/cancel");
        JsonNode stopped = jobs.pollUntil(id, view -> view.get("status").asText().equals("cancelled"),
                Duration.ofSeconds(5)).getLast();

        assertTrue(cancel.status() == 200 || cancel.status() == 202, cancel::toString);
        assertFalse(stopped.get("is_processing").asBoolean());
        assertEquals("failed", stopped.get("steps").get(0).get("status").asText(), "the interrupted step");
        assertEquals("cancelled", jobs.job(id).get("steps").get(0).get("error").get("code").asText());
    }

    @Test
    void cancellingAJobNotYetStartedCancelsItAtOnce() {
        String id = jobs.create("{\"time_scale\": 0}");

        ApiResponse cancel = client.post("api/v1/jobs/" + id + "/cancel");

        assertEquals(200, cancel.status(), cancel::toString);
        assertEquals("cancelled", cancel.data().get("status").asText());
    }
}
