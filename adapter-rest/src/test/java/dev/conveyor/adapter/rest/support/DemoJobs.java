package dev.conveyor.adapter.rest.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Creating and watching jobs of the built-in demo pipeline through the API, as a frontend would. */
public final class DemoJobs {

    private final ApiClient client;

    public DemoJobs(ApiClient client) {
        this.client = client;
    }

    /** Creates a demo job with this input (JSON object text), not started; returns its id. */
    public String create(String input) {
        ApiResponse created = client.post("api/v1/jobs", "{\"pipeline\": \"demo\", \"input\": " + input + "}");
        assertEquals(201, created.status(), created::toString);
        return created.data().get("id").asText();
    }

    /** Creates and starts a demo job; returns its id. */
    public String start(String input) {
        String id = create(input);
        ApiResponse started = client.post("api/v1/jobs/" + id + "/process");
        assertEquals(202, started.status(), started::toString);
        return id;
    }

    public JsonNode progress(String id) {
        ApiResponse progress = client.get("api/v1/jobs/" + id + "/progress");
        assertEquals(200, progress.status(), progress::toString);
        return progress.data();
    }

    public JsonNode job(String id) {
        ApiResponse job = client.get("api/v1/jobs/" + id);
        assertEquals(200, job.status(), job::toString);
        return job.data();
    }

    /** Polls the progress every 10 ms until {@code until} holds, returning every view seen (the last one holds). */
    public List<JsonNode> pollUntil(String id, Predicate<JsonNode> until, Duration timeout) {
        List<JsonNode> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode view = progress(id);
            seen.add(view);
            if (until.test(view)) {
                return seen;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + id + " did not get there within " + timeout + "; last seen: " + view);
            }
            sleep(10);
        }
    }

    /** Polls until the job stops processing (completed, failed, paused or cancelled). */
    public JsonNode awaitStopped(String id) {
        return pollUntil(id, view -> !view.get("is_processing").asBoolean(), Duration.ofSeconds(20)).getLast();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
