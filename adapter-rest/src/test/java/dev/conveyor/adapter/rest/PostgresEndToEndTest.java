package dev.conveyor.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conveyor.adapter.rest.support.ApiClient;
import dev.conveyor.adapter.rest.support.ApiResponse;
import dev.conveyor.adapter.rest.support.DemoJobs;
import dev.conveyor.adapter.rest.support.TestServer;
import dev.conveyor.testing.postgres.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed checklist, a failure and its retry, and the one-run-at-a-time rule, on the real PostgreSQL store. */
class PostgresEndToEndTest {

    private static TestServer server;
    private static ApiClient client;
    private static DemoJobs jobs;

    @BeforeAll
    static void start() {
        server = TestServer.onPostgres();
        client = server.client();
        jobs = new DemoJobs(client);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aJobRunsThroughEveryStepWithProgressRisingTo100() {
        String id = jobs.create("{\"files\": 3, \"time_scale\": 0.03}");

        assertEquals(202, client.post("api/v1/jobs/" + id + "/process").status());
        List<JsonNode> polls = jobs.pollUntil(id, view -> view.get("status").asText().equals("completed"),
                Duration.ofSeconds(30));

        for (int i = 1; i < polls.size(); i++) {
            assertTrue(polls.get(i).get("pipeline_progress").asInt() >= polls.get(i - 1).get("pipeline_progress").asInt());
        }
        JsonNode done = polls.getLast();
        assertEquals(100, done.get("pipeline_progress").asInt());
        assertFalse(done.get("is_processing").asBoolean());
        for (JsonNode step : done.get("steps")) {
            assertEquals("completed", step.get("status").asText(), step::toString);
        }
    }

    @Test
    void aFailedJobShowsAFriendlyErrorAndRetryCompletesIt() {
        String id = jobs.start("{\"time_scale\": 0, \"fail\": {\"step\": \"validate\", \"kind\": \"permanent\", \"times\": 1}}");
        JsonNode failed = jobs.awaitStopped(id);
        assertEquals("failed", failed.get("status").asText());
        assertFalse(failed.get("error").get("message").asText().contains("Exception"));

        assertEquals(202, client.post("api/v1/jobs/" + id + "/retry").status());
        JsonNode done = jobs.awaitStopped(id);

        assertEquals("completed", done.get("status").asText());
    }

    @Test
    void ofManyRacingProcessCallsExactlyOneStartsTheJob() throws Exception {
        // long enough that no call can come after the run has ended (a finished job may be processed again)
        String id = jobs.create("{\"files\": 5, \"time_scale\": 0.3}");
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<Future<ApiResponse>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 16; i++) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return client.post("api/v1/jobs/" + id + "/process");
                }));
            }
            go.countDown();
            int accepted = 0;
            for (Future<ApiResponse> call : calls) {
                int status = call.get().status();
                assertTrue(status == 202 || status == 409, "status " + status);
                accepted += status == 202 ? 1 : 0;
            }
            assertEquals(1, accepted);
        }
        client.post("api/v1/jobs/" + id + "/cancel");
        jobs.awaitStopped(id);
    }

    @Test
    void theServerKeepsEveryJobsAuditTrailInTheDatabaseWithTheFailuresDetail() throws Exception {
        String id = jobs.start(
                "{\"time_scale\": 0, \"fail\": {\"step\": \"validate\", \"kind\": \"permanent\", \"times\": 1}}");
        assertEquals("failed", jobs.awaitStopped(id).get("status").asText());

        List<String> types = new ArrayList<>();
        String failureDetails = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!types.contains("pipeline_failed") && System.nanoTime() < deadline) {
            Thread.sleep(20); // audit hooks run on their own thread, after the transition is stored
            types.clear();
            try (Connection connection = connect();
                 PreparedStatement events = connection.prepareStatement("SELECT type, details::text FROM "
                         + server.schema().orElseThrow() + ".audit_event WHERE job_id = ?::uuid ORDER BY id")) {
                events.setString(1, id);
                try (ResultSet rows = events.executeQuery()) {
                    while (rows.next()) {
                        types.add(rows.getString(1));
                        if (rows.getString(1).equals("pipeline_validate_failed")) {
                            failureDetails = rows.getString(2);
                        }
                    }
                }
            }
        }

        assertTrue(types.containsAll(List.of("pipeline_extract_start", "pipeline_extract_complete",
                "pipeline_validate_start", "pipeline_validate_failed", "pipeline_failed")), types::toString);
        assertTrue(failureDetails != null && failureDetails.contains("detail"), "the failure's internal detail is "
                + "kept in the audit trail, never in the API: " + failureDetails);
    }

    @Test
    void theServersWorkersListenForJobsOtherProcessesQueue() throws Exception {
        String listener = "conveyor-listener " + server.schema().orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (listeningSessions(listener) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        assertEquals(1, listeningSessions(listener));
    }

    private static Connection connect() throws SQLException {
        TestPostgres.Server db = TestPostgres.server();
        return DriverManager.getConnection(db.url(), db.user(), db.password());
    }

    private static long listeningSessions(String applicationName) throws SQLException {
        try (Connection connection = connect();
             PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity "
                     + "WHERE datname = current_database() AND application_name = ?")) {
            count.setString(1, applicationName);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
