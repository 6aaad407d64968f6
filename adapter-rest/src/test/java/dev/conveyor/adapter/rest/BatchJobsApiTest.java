package dev.conveyor.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conveyor.adapter.rest.support.ApiClient;
import dev.conveyor.adapter.rest.support.ApiResponse;
import dev.conveyor.adapter.rest.support.DemoJobs;
import dev.conveyor.adapter.rest.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

import static dev.conveyor.adapter.rest.support.TestServer.GLOBEX_WRITER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Creating many jobs in one request: one result per job, in order; a bad job is refused alone. */
class BatchJobsApiTest {

    private static final String GOOD = "{\"pipeline\": \"demo\", \"input\": {\"time_scale\": 0}, \"start\": true}";

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

    private static String batch(String... items) {
        return "{\"jobs\": [" + String.join(", ", items) + "]}";
    }

    @Test
    void eachJobGetsItsResultInOrderAndABadOneIsRefusedAloneWithTheErrorPostJobsGives() {
        String unknownPipeline = "{\"pipeline\": \"nope\", \"input\": {\"files\": 1}}";
        String noPipeline = "{\"input\": {\"files\": 1}}";

        ApiResponse response = client.post("api/v1/jobs/batch", batch(GOOD, unknownPipeline, noPipeline, "null",
                "{\"pipeline\": \"demo\", \"input\": {\"files\": 2}}"));

        assertEquals(200, response.status(), response::toString);
        JsonNode data = response.data();
        assertEquals(2, data.get("accepted").asInt());
        assertEquals(3, data.get("rejected").asInt());
        JsonNode results = data.get("results");
        assertEquals(5, results.size());
        assertEquals("queued", results.get(0).get("job").get("status").asText());
        assertTrue(results.get(0).get("error").isNull());
        assertSameError(client.post("api/v1/jobs", unknownPipeline), results.get(1));
        assertSameError(client.post("api/v1/jobs", noPipeline), results.get(2));
        assertEquals("invalid_field", results.get(3).get("error").get("code").asText());
        assertTrue(results.get(3).get("error").get("message").asText().contains("jobs[3]"), results::toString);
        assertEquals("created", results.get(4).get("job").get("status").asText());
        assertEquals(2, results.get(4).get("job").get("input").get("files").asInt());

        String started = results.get(0).get("job").get("id").asText();
        assertEquals("completed", jobs.awaitStopped(started).get("status").asText());
        assertEquals("created", jobs.job(results.get(4).get("job").get("id").asText()).get("status").asText());
    }

    private static void assertSameError(ApiResponse single, JsonNode result) {
        assertTrue(result.get("job").isNull(), result::toString);
        assertEquals(single.errorCode(), result.get("error").get("code").asText());
        assertEquals(single.errorMessage(), result.get("error").get("message").asText());
    }

    @Test
    void aThousandJobsAreCreatedInOneRequest() {
        // Created, not started: what is checked is the batch's creation. Running 1,000 five-step jobs on the test
        // server's two workers takes longer than a test should wait on a loaded machine; a started job of a
        // batch running to completion is checked above.
        String created = "{\"pipeline\": \"demo\", \"input\": {\"time_scale\": 0}, \"start\": false}";
        ApiResponse response = client.post("api/v1/jobs/batch",
                batch(Collections.nCopies(1_000, created).toArray(String[]::new)));

        assertEquals(200, response.status(), response::toString);
        assertEquals(1_000, response.data().get("accepted").asInt());
        Set<String> ids = new HashSet<>();
        response.data().get("results").forEach(result -> ids.add(result.get("job").get("id").asText()));
        assertEquals(1_000, ids.size(), "a job each");
        for (String id : ids) {
            ApiResponse job = client.get("api/v1/jobs/" + id);
            assertEquals(200, job.status(), job::toString);
            assertEquals("created", job.data().get("status").asText());
        }
    }

    @Test
    void moreThanAThousandJobsIs413AndCreatesNone() {
        try (TestServer fresh = TestServer.start()) {
            ApiResponse response = fresh.client().post("api/v1/jobs/batch",
                    batch(Collections.nCopies(1_001, GOOD).toArray(String[]::new)));

            assertEquals(413, response.status(), response::toString);
            assertEquals("too_many_items", response.errorCode());
            assertTrue(response.errorMessage().contains("at most 1000"), response.errorMessage());
            assertEquals(0, fresh.client().get("api/v1/jobs").data().get("jobs").size(), "none created");
        }
    }

    @Test
    void anEmptyOrMissingListIsAClear400() {
        ApiResponse empty = client.post("api/v1/jobs/batch", "{\"jobs\": []}");
        assertEquals(400, empty.status(), empty::toString);
        assertEquals("invalid_field", empty.errorCode());
        assertTrue(empty.errorMessage().contains("at least one job"), empty.errorMessage());

        ApiResponse missing = client.post("api/v1/jobs/batch", "{}");
        assertEquals(400, missing.status(), missing::toString);
        assertTrue(missing.errorMessage().startsWith("Field 'jobs' is required"), missing.errorMessage());
    }

    @Test
    void aMalformedBodyIsRefusedWholeNamingTheField() {
        ApiResponse wrongType = client.post("api/v1/jobs/batch", batch(GOOD, "{\"pipeline\": \"demo\", \"start\": \"yes\"}"));
        assertEquals(400, wrongType.status(), wrongType::toString);
        assertEquals("invalid_field", wrongType.errorCode());
        assertTrue(wrongType.errorMessage().contains("jobs[1].start"), wrongType.errorMessage());

        ApiResponse notJson = client.post("api/v1/jobs/batch", "{\"jobs\": [" + GOOD);
        assertEquals(400, notJson.status(), notJson::toString);
        assertEquals("malformed_json", notJson.errorCode());

        ApiResponse unknown = client.post("api/v1/jobs/batch", "{\"jobz\": []}");
        assertEquals(400, unknown.status(), unknown::toString);
        assertEquals("unknown_field", unknown.errorCode());
    }

    @Test
    void theJobsBelongToTheCallersTenant() {
        ApiResponse response = client.as(GLOBEX_WRITER).post("api/v1/jobs/batch", batch(GOOD));
        String id = response.data().get("results").get(0).get("job").get("id").asText();

        assertEquals(404, client.get("api/v1/jobs/" + id).status(), "acme does not see globex's job");
        assertEquals(200, client.as(GLOBEX_WRITER).get("api/v1/jobs/" + id).status());
    }
}
