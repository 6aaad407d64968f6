package dev.conveyor.adapter.postgres;

import dev.conveyor.model.AuditEvent;
import dev.conveyor.model.Delivery;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.NotificationEvent;
import dev.conveyor.model.OutboxEvent;
import dev.conveyor.model.Payload;
import dev.conveyor.port.out.JobStore;
import dev.conveyor.port.out.NotificationOutbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.conveyor.core.store.JobBuilder.aJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox row of a transition's news is written by the statement that writes the transition and its audit
 * event: present exactly when the transition committed, absent when it lost its compare-and-set; and planners in
 * several processes never take one event twice.
 */
class OutboxInTransitionTest {

    private static PostgresConfig config;
    private static PostgresStores stores;
    private JobStore store;

    @BeforeAll
    static void connect() {
        config = TestDatabase.freshSchema(OutboxInTransitionTest.class);
        stores = PostgresStores.connect(config);
    }

    @AfterAll
    static void dropSchema() {
        TestDatabase.closeAndDrop(stores, config);
    }

    @BeforeEach
    void empty() {
        TestDatabase.execute("TRUNCATE " + config.schema() + ".job, " + config.schema() + ".audit_event, "
                + config.schema() + ".notification_outbox, " + config.schema() + ".notification_delivery");
        store = stores.jobStore();
    }

    @Test
    void aCommittedTransitionWritesItsNewsAndOneThatLosesItsCompareAndSetWritesNone() throws Exception {
        Job won = running();
        Job lost = running();
        store.update(lost.toBuilder().progress(10).build()).orElseThrow(); // lost's stored version moves on

        Optional<Job> completed = store.update(won.toBuilder().status(JobStatus.COMPLETED).processing(false).build(),
                List.of(event(won, "pipeline_generate_complete"), event(won, "pipeline_complete")));
        Optional<Job> stale = store.update(lost.toBuilder().status(JobStatus.FAILED).processing(false).build(),
                List.of(event(lost, "pipeline_failed")));

        assertTrue(completed.isPresent());
        assertEquals(Optional.empty(), stale, "the stale write lost its compare-and-set");
        assertEquals(List.of("completed"), outboxEvents(won.id()), "one row, for the job's completion only");
        assertEquals(List.of(), outboxEvents(lost.id()), "no news of a transition that did not happen");
    }

    @Test
    void aStallRecordedOutsideAnyWriteWritesItsNewsWithItsAuditEvent() throws Exception {
        Job job = running();
        stores.auditLog().record(event(job, "pipeline_ocr_pages_stalled"));

        List<OutboxEvent> planned = new ArrayList<>();
        stores.notificationOutbox().plan(10, Instant.now(), event -> {
            planned.add(event);
            return List.of();
        });
        assertEquals(1, planned.size());
        assertEquals(NotificationEvent.STALLED, planned.getFirst().event());
        assertEquals(Optional.of("ocr_pages"), planned.getFirst().step());
        assertEquals(job.id(), planned.getFirst().jobId());
    }

    @Test
    void theStoreWritesTheOutboxSoItsHookNeedNotBeCalled() {
        assertTrue(stores.notificationOutbox().isWrittenBy(stores.jobStore()));
        assertTrue(stores.auditLog().isKeptBy(stores.jobStore()));
    }

    @Test
    void plannersInManyProcessesTakeEachEventOnce() throws Exception {
        NotificationOutbox outbox = stores.notificationOutbox();
        int events = 60;
        for (int i = 0; i < events; i++) {
            outbox.add(OutboxEvent.of(new dev.conveyor.model.Notification.Ready(aJob().build()), Instant.now()));
        }
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<String> duplicates = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService planners = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                results.add(planners.submit(() -> {
                    int total = 0;
                    int planned;
                    do {
                        planned = outbox.plan(4, Instant.now(), event -> {
                            if (!seen.add(event.messageId())) {
                                duplicates.add(event.messageId());
                            }
                            return List.of(new Delivery.Planned("webhook", "http://a.example/", "{}"));
                        });
                        total += planned;
                    } while (planned > 0);
                    return total;
                }));
            }
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get();
            }
            assertEquals(events, total);
        } finally {
            planners.shutdownNow();
        }
        assertEquals(List.of(), duplicates);
        assertEquals(events, seen.size());
        assertEquals(events, count("notification_delivery"));
        assertEquals(0, count("notification_outbox"), "planned events leave the outbox");
    }

    @Test
    void cleanupDropsFinishedDeliveriesAfterAWeekAndNewsNobodyPlannedAfterADay() throws Exception {
        NotificationOutbox outbox = stores.notificationOutbox();
        Instant now = Instant.now();
        outbox.add(new OutboxEvent(UUID.randomUUID(), aJob().build().tenant(), JobId.random(),
                NotificationEvent.COMPLETED, Optional.empty(), now.minus(Duration.ofHours(25))));
        outbox.add(new OutboxEvent(UUID.randomUUID(), aJob().build().tenant(), JobId.random(),
                NotificationEvent.COMPLETED, Optional.empty(), now.minus(Duration.ofHours(1))));
        TestDatabase.execute("INSERT INTO " + config.schema() + ".notification_delivery (message_id, tenant, job_id, "
                + "event, channel, target, body, status, attempts, created_at, next_attempt_at) VALUES "
                + "('msg_old_done', 'acme', gen_random_uuid(), 'completed', 'webhook', 'http://a/', '{}', 'DELIVERED', 1, "
                + "now() - interval '8 days', now()), "
                + "('msg_old_pending', 'acme', gen_random_uuid(), 'completed', 'webhook', 'http://a/', '{}', 'PENDING', 1, "
                + "now() - interval '8 days', now()), "
                + "('msg_new_dead', 'acme', gen_random_uuid(), 'completed', 'webhook', 'http://a/', '{}', 'DEAD', 1, "
                + "now() - interval '2 days', now())");

        store.deleteExpired(now.minus(Duration.ofHours(1)), now.minus(Duration.ofDays(30)), 1_000);

        assertEquals(1, count("notification_outbox"), "the day-old unplanned news is dropped, the fresh kept");
        assertEquals(2, count("notification_delivery"), "only the week-old finished delivery is dropped");
    }

    private Job running() {
        Job job = aJob().withStatus(JobStatus.RUNNING).processing(true).build();
        store.insert(job);
        return job;
    }

    private static AuditEvent event(Job job, String type) {
        return new AuditEvent(job.tenant(), job.id(), type, Instant.now(), Payload.of("n", 1));
    }

    private static List<String> outboxEvents(JobId job) throws Exception {
        List<String> events = new ArrayList<>();
        try (Connection connection = TestDatabase.open(); PreparedStatement select = connection.prepareStatement(
                "SELECT event FROM " + config.schema() + ".notification_outbox WHERE job_id = ? ORDER BY at")) {
            select.setObject(1, job.value());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(rows.getString(1));
                }
            }
        }
        return events;
    }

    private static int count(String table) throws Exception {
        try (Connection connection = TestDatabase.open(); PreparedStatement select = connection.prepareStatement(
                "SELECT count(*) FROM " + config.schema() + "." + table); ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
