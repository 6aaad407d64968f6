package dev.conveyor.adapter.rest;

import dev.conveyor.adapter.rest.support.ApiClient;
import dev.conveyor.adapter.rest.support.ApiResponse;
import dev.conveyor.adapter.rest.support.DemoJobs;
import dev.conveyor.adapter.rest.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.conveyor.adapter.rest.support.TestServer.ACME_ADMIN;
import static dev.conveyor.adapter.rest.support.TestServer.ACME_READER;
import static dev.conveyor.adapter.rest.support.TestServer.ACME_WRITER;
import static dev.conveyor.adapter.rest.support.TestServer.GLOBEX_WRITER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may do what: no token or a bad one is 401, a read token changing anything is 403, and another tenant's job
 * does not exist (404), on every endpoint.
 */
class AuthMatrixTest {

    private static final String NO_SUCH_JOB = "00000000-0000-4000-8000-000000000000";

    private static TestServer server;
    private static ApiClient writer;
    private static String acmeJob;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        writer = server.client();
        acmeJob = new DemoJobs(writer).create("{\"time_scale\": 0}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> reads() {
        return List.of("api/v1/pipelines", "api/v1/jobs", "api/v1/jobs/" + acmeJob, "api/v1/jobs/" + acmeJob + "/progress",
                "api/v1/jobs/" + acmeJob + "/events");
    }

    private static List<String> writes() {
        return List.of("api/v1/jobs/" + acmeJob + "/process", "api/v1/jobs/" + acmeJob + "/retry",
                "api/v1/jobs/" + acmeJob + "/resume", "api/v1/jobs/" + acmeJob + "/cancel", "api/v1/jobs",
                "api/v1/jobs/batch");
    }

    @Test
    void withoutATokenEveryApiCallIs401WithABearerChallenge() {
        ApiClient anonymous = writer.anonymous();
        for (String path : reads()) {
            assertUnauthenticated(anonymous.get(path), path);
        }
        for (String path : writes()) {
            assertUnauthenticated(anonymous.post(path, "{}"), path);
        }
    }

    @Test
    void anUnknownTokenOrAnotherSchemeIs401() {
        assertUnauthenticated(writer.as("not-a-known-token-at-all").get("api/v1/jobs"), "unknown token");
        assertUnauthenticated(writer.as(ACME_WRITER + "x").get("api/v1/jobs"), "token with one more character");
        assertUnauthenticated(writer.as(ACME_WRITER.substring(1)).get("api/v1/jobs"), "token with one less character");
        ApiResponse basic = writer.anonymous().send(writer.anonymous().request("api/v1/jobs")
                .header("Authorization", "Basic " + ACME_WRITER).GET());
        assertUnauthenticated(basic, "basic scheme");
        ApiResponse empty = writer.anonymous().send(writer.anonymous().request("api/v1/jobs")
                .header("Authorization", "Bearer ").GET());
        assertUnauthenticated(empty, "empty bearer");
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() {
        ApiResponse lower = writer.anonymous().send(writer.anonymous().request("api/v1/jobs")
                .header("Authorization", "bearer " + ACME_WRITER).GET());

        assertEquals(200, lower.status(), lower::toString);
    }

    @Test
    void aReadTokenReadsButEveryWriteIs403() {
        ApiClient reader = writer.as(ACME_READER);
        for (String path : reads()) {
            assertEquals(200, reader.get(path).status(), path);
        }
        for (String path : writes()) {
            ApiResponse response = reader.post(path, "{}");
            assertEquals(403, response.status(), path + ": " + response);
            assertEquals("forbidden", response.errorCode());
            assertTrue(response.errorMessage().contains("write role"), response.errorMessage());
        }
    }

    @Test
    void anAdminTokenReadsAndWritesLikeAWriter() {
        ApiClient admin = writer.as(ACME_ADMIN);
        for (String path : reads()) {
            assertEquals(200, admin.get(path).status(), path);
        }
        String id = new DemoJobs(admin).create("{\"time_scale\": 0}");
        ApiResponse cancelled = admin.post("api/v1/jobs/" + id + "/cancel");
        assertEquals(200, cancelled.status(), cancelled::toString);
        assertNotFound(writer.as(GLOBEX_WRITER).get("api/v1/jobs/" + id + "/events"), "an admin of acme's job for globex");
    }

    @Test
    void anotherTenantsJobIsNotFoundOnEveryEndpointJustLikeAMissingOne() {
        ApiClient globex = writer.as(GLOBEX_WRITER);
        for (String id : List.of(acmeJob, NO_SUCH_JOB)) {
            for (String path : List.of("api/v1/jobs/" + id, "api/v1/jobs/" + id + "/progress",
                    "api/v1/jobs/" + id + "/events")) {
                assertNotFound(globex.get(path), path);
            }
            for (String action : List.of("process", "retry", "cancel")) {
                assertNotFound(globex.post("api/v1/jobs/" + id + "/" + action), action);
            }
            assertNotFound(globex.post("api/v1/jobs/" + id + "/resume", "{\"decisions\": []}"), "resume");
        }
        assertEquals("created", new DemoJobs(writer).job(acmeJob).get("status").asText(), "acme's job was left alone");
    }

    @Test
    void aTenantListsOnlyItsOwnJobs() {
        ApiClient globex = writer.as(GLOBEX_WRITER);
        String globexJob = new DemoJobs(globex).create("{\"time_scale\": 0}");

        ApiResponse globexList = globex.get("api/v1/jobs");
        ApiResponse acmeList = writer.get("api/v1/jobs?limit=500");

        assertEquals(1, globexList.data().get("jobs").size());
        assertEquals(globexJob, globexList.data().get("jobs").get(0).get("id").asText());
        acmeList.data().get("jobs").forEach(job -> assertTrue(!job.get("id").asText().equals(globexJob)));
    }

    @Test
    void healthReadinessAndTheApiDocumentNeedNoToken() {
        ApiClient anonymous = writer.anonymous();

        assertEquals(200, anonymous.get("health").status());
        assertEquals("up", anonymous.get("health").data().get("status").asText());
        assertEquals(200, anonymous.get("ready").status());
        assertEquals(200, anonymous.get("api/v1/health").status());
        assertEquals(200, anonymous.get("api/v1/openapi.json").status());
    }

    private static void assertUnauthenticated(ApiResponse response, String what) {
        assertEquals(401, response.status(), what + ": " + response);
        assertEquals("unauthenticated", response.errorCode(), what);
        assertTrue(response.json().get("data").isNull());
        assertEquals("Bearer realm=\"conveyor\"", response.header("WWW-Authenticate").orElse(null), what);
    }

    private static void assertNotFound(ApiResponse response, String what) {
        assertEquals(404, response.status(), what + ": " + response);
        assertEquals("job_not_found", response.errorCode(), what);
    }
}
