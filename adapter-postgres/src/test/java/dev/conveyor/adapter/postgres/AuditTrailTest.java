package dev.conveyor.adapter.postgres;

import dev.conveyor.core.Conveyor;
import dev.conveyor.model.AuditEvent;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.TenantId;
import dev.conveyor.port.in.SubmitJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An engine on PostgreSQL with the audit log on, as the server and the CLI worker run: every transition's events
 * are in {@code audit_event} by the time the transition is visible, because the statement that wrote the
 * transition wrote them; another audit hook beside it still hears every event.
 */
class AuditTrailTest {

    private static final TenantId TENANT = TenantId.of("acme");
    private static final int JOBS = 24;

    private static PostgresConfig config;
    private static PostgresStores stores;

    @BeforeAll
    static void connect() {
        config = TestDatabase.freshSchema(AuditTrailTest.class);
        stores = PostgresStores.connect(config);
    }

    @AfterAll
    static void dropSchema() {
        TestDatabase.closeAndDrop(stores, config);
    }

    @Test
    void everyTransitionsEventsAreStoredWithItAndTheOtherHooksHearThemToo() throws Exception {
        ConcurrentLinkedQueue<AuditEvent> heard = new ConcurrentLinkedQueue<>();
        List<JobId> ids = new ArrayList<>();
        List<String> expected = new ArrayList<>(List.of("pipeline_queued", "pipeline_start"));
        for (String step : StepLog.STEPS) {
            expected.add("pipeline_" + step + "_start");
            expected.add("pipeline_" + step + "_complete");
        }
        expected.add("pipeline_complete");

        try (Conveyor engine = Conveyor.builder().store(stores.jobStore()).timings(stores.stepTimings())
                .pipeline(new StepLog().pipeline("engine")).workers(4).pollInterval(Duration.ofMillis(50))
                .audit(stores.auditLog()).audit(heard::add).start()) {
            for (int n = 0; n < JOBS / 2; n++) {
                ids.add(engine.submit(SubmitJob.startNow(TENANT, "noop", Payload.of("n", n))).orElseThrow().id());
            }
            List<SubmitJob> batch = new ArrayList<>();
            for (int n = JOBS / 2; n < JOBS; n++) {
                batch.add(SubmitJob.startNow(TENANT, "noop", Payload.of("n", n)));
            }
            engine.submitAll(batch).forEach(outcome -> ids.add(outcome.orElseThrow().id()));
            for (JobId id : ids) {
                Job done = engine.await(TENANT, id, Duration.ofSeconds(30)).orElseThrow();
                assertEquals(JobStatus.COMPLETED, done.status());
                assertEquals(expected, storedTypes(id), "the events of " + id + ", read as soon as it completed");
            }
            TestDatabase.awaitTrue(() -> heard.size() >= JOBS * expected.size(), "the other hook hears all");
        }
        for (JobId id : ids) {
            List<String> other = heard.stream().filter(event -> event.jobId().equals(id)).map(AuditEvent::type)
                    .toList();
            // The submitting thread tells of the queued job once stored, while a worker may already run it.
            assertEquals(1, other.stream().filter(type -> type.equals("pipeline_queued")).count(), "heard: " + other);
            assertEquals(expected.subList(1, expected.size()),
                    other.stream().filter(type -> !type.equals("pipeline_queued")).toList(),
                    "what the other hook heard of " + id + "'s run, in order");
        }
    }

    /** The job's events, written with its insert and its transitions. */
    private static List<String> storedTypes(JobId job) throws Exception {
        List<String> types = new ArrayList<>();
        try (Connection connection = TestDatabase.open(); PreparedStatement select = connection.prepareStatement(
                "SELECT type FROM " + config.schema() + ".audit_event WHERE job_id = ? ORDER BY id")) {
            select.setObject(1, job.value());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    types.add(rows.getString(1));
                }
            }
        }
        return types;
    }
}
