package dev.conveyor.adapter.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conveyor.core.Conveyor;
import dev.conveyor.core.store.InMemoryJobStore;
import dev.conveyor.core.store.InMemoryNotificationOutbox;
import dev.conveyor.model.Delivery;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.NotificationEvent;
import dev.conveyor.model.Payload;
import dev.conveyor.model.TenantId;
import dev.conveyor.port.in.SubmitJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signed webhooks from a real engine (in memory) to a real HTTP receiver on 127.0.0.1: signed as Standard
 * Webhooks, retried with back-off under one message id, given up as dead after the retry window, and never in a
 * job's way. The back-off is shortened to milliseconds; the schedule's own arithmetic is tested apart.
 */
class WebhookDeliveryTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final RetrySchedule FAST = new RetrySchedule(Duration.ofMillis(50), Duration.ofMillis(200),
            Duration.ofSeconds(30));

    private final InMemoryJobStore store = new InMemoryJobStore();
    private final InMemoryNotificationOutbox outbox = new InMemoryNotificationOutbox();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    @Test
    void aCompletedJobIsPostedSignedToTheTenantsEndpointAndLoggedDelivered() throws Exception {
        Receiver receiver = receiver();
        Conveyor engine = engine(notifier(config(receiver.url(), "acme", Set.of(NotificationEvent.COMPLETED), FAST)));

        Job done = run(engine, TestPipelines.WORK);

        Waits.until(() -> delivered(done).size() == 1, 10, "the delivery is logged delivered");
        Receiver.Request request = receiver.requests().getFirst();
        assertEquals(1, receiver.requests().size());
        assertEquals(delivered(done).getFirst().messageId(), request.id());
        assertTrue(request.id().startsWith("msg_"), request.id());
        assertEquals("application/json", request.contentType());
        long sent = Long.parseLong(request.timestamp());
        assertTrue(Math.abs(sent - Instant.now().getEpochSecond()) < 60, "the attempt's time, in seconds");
        assertTrue(WebhookSignature.verify(WebhookSecret.parse(SECRET), request.id(), sent, request.body(),
                request.signature()), "the signature verifies");
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertEquals("completed", body.get("type").asText());
        assertEquals(done.id().toString(), body.at("/data/job_id").asText());
        assertEquals("acme", body.at("/data/tenant").asText());
        assertEquals("work", body.at("/data/pipeline").asText());
        assertEquals("completed", body.at("/data/status").asText());
        assertEquals("https://conveyor.example.com/#/jobs/" + done.id(), body.at("/data/url").asText());
    }

    @Test
    void aFailureIsToldWithItsUserFacingMessageOnlyToWhoSubscribedToFailures() throws Exception {
        Receiver failures = receiver();
        Receiver completions = receiver();
        NotifyConfig config = new NotifyConfig(List.of(
                endpoint(failures.url(), "*", Set.of(NotificationEvent.FAILED)),
                endpoint(completions.url(), "acme", Set.of(NotificationEvent.COMPLETED))),
                List.of(), Optional.empty(), Optional.empty(), FAST);
        Conveyor engine = engine(notifier(config));

        Job failed = run(engine, TestPipelines.BROKEN);

        assertEquals(JobStatus.FAILED, failed.status());
        Waits.until(() -> failures.requests().size() == 1, 10, "the failure is posted");
        JsonNode body = new ObjectMapper().readTree(failures.requests().getFirst().body());
        assertEquals("failed", body.get("type").asText());
        assertEquals("bad_input", body.at("/data/error/code").asText());
        assertEquals("The uploaded file is not a PDF.", body.at("/data/error/message").asText());
        assertEquals(List.of(), completions.requests(), "the completions endpoint hears nothing of a failure");
    }

    @Test
    void aReceiverThatFailsIsRetriedWithBackOffUnderOneMessageIdUntilItAccepts() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Receiver receiver = receiver().answering(() -> calls.incrementAndGet() <= 2 ? 503 : 200);
        Conveyor engine = engine(notifier(config(receiver.url(), "acme", Set.of(NotificationEvent.COMPLETED), FAST)));

        Job done = run(engine, TestPipelines.WORK);

        Waits.until(() -> delivered(done).size() == 1, 10, "delivered on the third attempt");
        Delivery delivery = delivered(done).getFirst();
        assertEquals(3, delivery.attempts());
        assertEquals(Optional.of("HTTP 200"), delivery.lastResult());
        List<Receiver.Request> requests = receiver.requests();
        assertEquals(3, requests.size());
        assertEquals(Set.of(delivery.messageId()), Set.copyOf(requests.stream().map(Receiver.Request::id).toList()),
                "every attempt carries the same webhook-id");
        for (Receiver.Request request : requests) {
            assertTrue(WebhookSignature.verify(WebhookSecret.parse(SECRET), request.id(),
                    Long.parseLong(request.timestamp()), request.body(), request.signature()));
        }
    }

    @Test
    void aReceiverThatKeepsFailingForTheWholeWindowIsMarkedDead() throws Exception {
        Receiver receiver = receiver().answering(() -> 500);
        RetrySchedule shortWindow = new RetrySchedule(Duration.ofMillis(50), Duration.ofMillis(100),
                Duration.ofMillis(600));
        Conveyor engine = engine(notifier(config(receiver.url(), "acme", Set.of(NotificationEvent.COMPLETED),
                shortWindow)));

        Job done = run(engine, TestPipelines.WORK);

        Waits.until(() -> outbox.deliveries(ACME, Optional.of(done.id()), 10).stream()
                .anyMatch(d -> d.status() == Delivery.Status.DEAD), 10, "the delivery is given up");
        Delivery dead = outbox.deliveries(ACME, Optional.of(done.id()), 10).getFirst();
        assertTrue(dead.attempts() >= 3, "tried again within the window, " + dead.attempts() + " attempts");
        assertEquals(dead.attempts(), receiver.requests().size());
        assertTrue(dead.lastResult().orElseThrow().startsWith("HTTP 500 (gave up after"), dead.lastResult().get());
        int attempts = dead.attempts();
        Thread.sleep(300);
        assertEquals(attempts, receiver.requests().size(), "a dead delivery is not attempted again");
    }

    @Test
    void aReceiverThatNeverAnswersDoesNotSlowTheJobs() throws Exception {
        Receiver receiver = receiver().hanging();
        Notifier notifier = Notifier.builder(config(receiver.url(), "*", Set.of(NotificationEvent.COMPLETED), FAST),
                outbox, store).pollInterval(Duration.ofMillis(20)).attemptTimeout(Duration.ofSeconds(30))
                .inFlight(2).start();
        open.add(notifier);
        Conveyor engine = engine(notifier);

        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            assertEquals(JobStatus.COMPLETED, run(engine, TestPipelines.WORK).status());
        }
        long millis = (System.nanoTime() - start) / 1_000_000;

        Waits.until(() -> receiver.requests().size() == 2, 10, "two attempts hang at the receiver");
        assertTrue(millis < 10_000, "ten jobs took " + millis + " ms while the receiver hung");
        assertEquals(2, notifier.inFlight(), "attempts in flight stay within their bound");
        receiver.close(); // lets the hung attempts end, so the notifier stops at once
    }

    @Test
    void theEndpointOfAnotherTenantHearsNothing() throws Exception {
        Receiver other = receiver();
        Receiver acme = receiver();
        NotifyConfig config = new NotifyConfig(List.of(
                endpoint(other.url(), "globex", Set.of(NotificationEvent.COMPLETED)),
                endpoint(acme.url(), "acme", Set.of(NotificationEvent.COMPLETED))),
                List.of(), Optional.empty(), Optional.empty(), FAST);
        Conveyor engine = engine(notifier(config));

        Job done = run(engine, TestPipelines.WORK);

        Waits.until(() -> delivered(done).size() == 1, 10, "acme's endpoint is told");
        assertEquals(1, acme.requests().size());
        assertEquals(List.of(), other.requests());
    }

    private Receiver receiver() throws Exception {
        Receiver receiver = new Receiver();
        open.add(receiver);
        return receiver;
    }

    private Notifier notifier(NotifyConfig config) {
        Notifier notifier = Notifier.builder(config, outbox, store).pollInterval(Duration.ofMillis(20))
                .attemptTimeout(Duration.ofSeconds(5)).start();
        open.add(notifier);
        return notifier;
    }

    private Conveyor engine(Notifier notifier) {
        Conveyor engine = Conveyor.builder().store(store).pipelines(TestPipelines.all()).workers(4)
                .pollInterval(Duration.ofMillis(20)).notifications(notifier).start();
        open.add(engine);
        return engine;
    }

    private static Job run(Conveyor engine, String pipeline) throws InterruptedException {
        Job job = engine.submit(SubmitJob.startNow(ACME, pipeline, Payload.of("file", "a.pdf"))).orElseThrow();
        return engine.await(ACME, job.id(), Duration.ofSeconds(20)).orElseThrow();
    }

    private List<Delivery> delivered(Job job) {
        return outbox.deliveries(ACME, Optional.of(job.id()), 10).stream()
                .filter(d -> d.status() == Delivery.Status.DELIVERED).toList();
    }

    static NotifyConfig config(URI url, String tenant, Set<NotificationEvent> events, RetrySchedule retry) {
        return new NotifyConfig(List.of(endpoint(url, tenant, events)), List.of(), Optional.empty(),
                Optional.of(URI.create("https://conveyor.example.com/")), retry);
    }

    static WebhookEndpoint endpoint(URI url, String tenant, Set<NotificationEvent> events) {
        return new WebhookEndpoint(url, WebhookSecret.parse(SECRET), new Subscription(
                tenant.equals("*") ? Optional.empty() : Optional.of(TenantId.of(tenant)), events));
    }
}
