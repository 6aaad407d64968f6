package dev.conveyor.adapter.notify;

import dev.conveyor.adapter.postgres.PostgresConfig;
import dev.conveyor.adapter.postgres.PostgresStores;
import dev.conveyor.core.Conveyor;
import dev.conveyor.model.Delivery;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.NotificationEvent;
import dev.conveyor.model.Payload;
import dev.conveyor.model.TenantId;
import dev.conveyor.port.in.SubmitJob;
import dev.conveyor.testing.postgres.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Durable delivery on PostgreSQL, as the server and the CLI workers run it: a job's news is in the outbox with its
 * transition, so it is delivered even when no process with a notifier ran while the job did; and notifiers in
 * several processes deliver each message once.
 */
class PostgresDeliveryTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final RetrySchedule FAST = new RetrySchedule(Duration.ofMillis(50), Duration.ofMillis(200),
            Duration.ofSeconds(30));

    private final TestPostgres.Server db = TestPostgres.server();
    private final String schema = "t_notify_" + UUID.randomUUID().toString().substring(0, 8);
    private final List<AutoCloseable> open = new ArrayList<>();
    private PostgresConfig config;

    @BeforeEach
    void connect() {
        PostgresConfig base = PostgresConfig.of(db.url()).withUser(db.user()).withSchema(schema).withPoolSize(4);
        config = db.password().isEmpty() ? base : base.withPassword(db.password());
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
        try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void newsOfJobsThatRanWithNoNotifierIsDeliveredOnceWhenOneStarts() throws Exception {
        Receiver receiver = open(new Receiver());
        PostgresStores worker = open(PostgresStores.connect(config));
        List<Job> jobs = new ArrayList<>();
        try (Conveyor engine = engine(worker, Optional.empty())) {
            for (int i = 0; i < 5; i++) {
                jobs.add(engine.submit(SubmitJob.startNow(ACME, TestPipelines.WORK, Payload.of("n", i)))
                        .orElseThrow());
            }
            jobs.add(engine.submit(SubmitJob.startNow(ACME, TestPipelines.BROKEN, Payload.of("n", 5))).orElseThrow());
            for (Job job : jobs) {
                assertTrue(engine.await(ACME, job.id(), Duration.ofSeconds(20)).orElseThrow().status().isFinished());
            }
        }
        assertEquals(List.of(), receiver.requests(), "nothing is sent while no notifier runs");

        PostgresStores server = open(PostgresStores.connect(config));
        NotifyConfig routes = new NotifyConfig(List.of(WebhookDeliveryTest.endpoint(receiver.url(), "acme",
                Set.of(NotificationEvent.COMPLETED, NotificationEvent.FAILED))), List.of(), Optional.empty(),
                Optional.empty(), FAST);
        open(notifier(routes, server));

        Waits.until(() -> receiver.requests().size() == jobs.size(), 20, "every job's news is delivered");
        Set<String> ids = new HashSet<>();
        receiver.requests().forEach(request -> ids.add(request.id()));
        assertEquals(jobs.size(), ids.size(), "each message once");
        for (Job job : jobs) {
            List<Delivery> log = server.notificationOutbox().deliveries(ACME, Optional.of(job.id()), 10);
            assertEquals(1, log.size());
            Waits.until(() -> server.notificationOutbox().deliveries(ACME, Optional.of(job.id()), 1).getFirst()
                    .status() == Delivery.Status.DELIVERED, 10, "logged delivered");
        }
    }

    @Test
    void notifiersInTwoProcessesWithTheEngineDeliverEachMessageOnce() throws Exception {
        Receiver receiver = open(new Receiver());
        NotifyConfig routes = WebhookDeliveryTest.config(receiver.url(), "*", Set.of(NotificationEvent.COMPLETED),
                FAST);
        PostgresStores first = open(PostgresStores.connect(config));
        PostgresStores second = open(PostgresStores.connect(config));
        Notifier firstNotifier = open(notifier(routes, first));
        open(notifier(routes, second));
        assertTrue(firstNotifier.isKeptBy(first.jobStore()), "the store writes the outbox: the engine does not call it");
        List<Job> jobs = new ArrayList<>();
        try (Conveyor engine = engine(first, Optional.of(firstNotifier))) {
            for (int i = 0; i < 20; i++) {
                jobs.add(engine.submit(SubmitJob.startNow(ACME, TestPipelines.WORK, Payload.of("n", i)))
                        .orElseThrow());
            }
            for (Job job : jobs) {
                assertEquals(JobStatus.COMPLETED, engine.await(ACME, job.id(), Duration.ofSeconds(20)).orElseThrow()
                        .status());
            }
            Waits.until(() -> receiver.requests().size() >= jobs.size(), 20, "every completion is delivered");
            Thread.sleep(300); // room for a duplicate to show
        }
        List<String> ids = receiver.requests().stream().map(Receiver.Request::id).toList();
        assertEquals(jobs.size(), ids.size(), "no message twice");
        assertEquals(jobs.size(), Set.copyOf(ids).size());
    }

    private Conveyor engine(PostgresStores stores, Optional<Notifier> notifier) {
        var builder = Conveyor.builder().store(stores.jobStore()).timings(stores.stepTimings())
                .pipelines(TestPipelines.all()).workers(4).pollInterval(Duration.ofMillis(20))
                .audit(stores.auditLog());
        notifier.ifPresent(builder::notifications);
        return builder.start();
    }

    private static Notifier notifier(NotifyConfig routes, PostgresStores stores) {
        return Notifier.builder(routes, stores.notificationOutbox(), stores.jobStore())
                .pollInterval(Duration.ofMillis(20)).attemptTimeout(Duration.ofSeconds(5)).start();
    }

    private <T extends AutoCloseable> T open(T closeable) {
        open.add(closeable);
        return closeable;
    }
}
