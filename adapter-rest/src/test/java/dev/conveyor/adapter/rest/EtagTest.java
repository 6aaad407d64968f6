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
import java.util.stream.StreamSupport;

import static dev.conveyor.adapter.rest.support.TestServer.GLOBEX_WRITER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cheap polling: the progress carries an ETag of its content, and asking with it while nothing changed gets 304. */
class EtagTest {

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
    void pollingWithTheETagOfAnUnchangedJobGets304WithNoBody() {
        String id = jobs.create("{\"time_scale\": 0}");
        ApiResponse first = client.get(progress(id));
        String etag = first.header("ETag").orElseThrow();

        ApiResponse again = poll(id, etag);

        assertEquals(304, again.status());
        assertEquals("", again.body());
        assertEquals(etag, again.header("ETag").orElseThrow());
        assertEquals("private, no-cache", first.header("Cache-Control").orElseThrow());
    }

    @Test
    void theSameContentGivesTheSameETagEveryTime() {
        String id = jobs.create("{\"time_scale\": 0}");

        assertEquals(client.get(progress(id)).header("ETag"), client.get(progress(id)).header("ETag"));
    }

    @Test
    void weakListsAndTheWildcardMatchToo() {
        String id = jobs.create("{\"time_scale\": 0}");
        String etag = client.get(progress(id)).header("ETag").orElseThrow();

        assertEquals(304, poll(id, "W/" + etag).status());
        assertEquals(304, poll(id, "\"other\", " + etag).status());
        assertEquals(304, poll(id, "*").status());
        assertEquals(200, poll(id, "\"other\"").status());
    }

    @Test
    void onceTheJobChangesTheOldETagGetsTheNewContentWithANewETag() {
        String id = jobs.create("{\"time_scale\": 0}");
        String before = client.get(progress(id)).header("ETag").orElseThrow();
        client.post("api/v1/jobs/" + id + "/process");
        jobs.awaitStopped(id);

        ApiResponse after = poll(id, before);

        assertEquals(200, after.status());
        assertEquals("completed", after.data().get("status").asText());
        assertNotEquals(before, after.header("ETag").orElseThrow());
    }

    @Test
    void anETagTellsAnotherTenantNothing() {
        String id = jobs.create("{\"time_scale\": 0}");
        String etag = client.get(progress(id)).header("ETag").orElseThrow();

        ApiResponse probe = client.as(GLOBEX_WRITER).send(client.as(GLOBEX_WRITER).request(progress(id))
                .header("If-None-Match", etag).GET());

        assertEquals(404, probe.status());
        assertTrue(probe.header("ETag").isEmpty());
    }

    @Test
    void theJobListCarriesAnETagAndAnUnchangedListGets304() {
        jobs.create("{\"time_scale\": 0}");
        String list = "api/v1/jobs?pipeline=demo&status=created&limit=5";
        ApiResponse first = client.get(list);
        String etag = first.header("ETag").orElseThrow();

        ApiResponse again = client.send(client.request(list).header("If-None-Match", etag).GET());

        assertEquals(304, again.status());
        assertEquals("", again.body());
        assertEquals("private, no-cache", first.header("Cache-Control").orElseThrow());
    }

    @Test
    void aNewJobInTheListChangesItsETag() {
        String list = "api/v1/jobs?pipeline=demo&limit=200";
        String before = client.get(list).header("ETag").orElseThrow();
        jobs.create("{\"time_scale\": 0}");

        ApiResponse after = client.send(client.request(list).header("If-None-Match", before).GET());

        assertEquals(200, after.status());
        assertNotEquals(before, after.header("ETag").orElseThrow());
    }

    @Test
    void theWholeJobCarriesAnETagThatChangesWithTheJob() {
        String id = jobs.create("{\"time_scale\": 0}");
        String path = "api/v1/jobs/" + id;
        String before = client.get(path).header("ETag").orElseThrow();
        assertEquals(304, client.send(client.request(path).header("If-None-Match", before).GET()).status());

        client.post("api/v1/jobs/" + id + "/process");
        jobs.awaitStopped(id);
        ApiResponse after = client.send(client.request(path).header("If-None-Match", before).GET());

        assertEquals(200, after.status());
        assertEquals("completed", after.data().get("status").asText());
        assertNotEquals(before, after.header("ETag").orElseThrow());
    }

    @Test
    void listEntriesSayWhenARunningJobShouldBeDone() {
        String id = jobs.start("{\"files\": 2, \"time_scale\": 1}");
        // a queued job already shows an ETA; the listing below asks for running jobs, so wait for a worker to take it
        jobs.pollUntil(id, view -> !view.get("estimated_remaining_seconds").isNull()
                && jobs.job(id).get("status").asText().equals("running"), Duration.ofSeconds(10));

        JsonNode entries = client.get("api/v1/jobs?pipeline=demo&status=running&limit=200").data().get("jobs");
        JsonNode mine = StreamSupport.stream(entries.spliterator(), false)
                .filter(job -> job.get("id").asText().equals(id)).findFirst().orElseThrow();
        client.post("api/v1/jobs/" + id + "/cancel");

        assertTrue(Instant.parse(mine.get("estimated_completion_at").asText())
                .isAfter(Instant.now()), mine::toString);
    }

    private static ApiResponse poll(String id, String ifNoneMatch) {
        return client.send(client.request(progress(id)).header("If-None-Match", ifNoneMatch).GET());
    }

    private static String progress(String id) {
        return "api/v1/jobs/" + id + "/progress";
    }
}
