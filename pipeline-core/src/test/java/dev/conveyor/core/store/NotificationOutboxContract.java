package dev.conveyor.core.store;

import dev.conveyor.model.Delivery;
import dev.conveyor.model.JobId;
import dev.conveyor.model.NotificationEvent;
import dev.conveyor.model.OutboxEvent;
import dev.conveyor.model.TenantId;
import dev.conveyor.port.out.NotificationOutbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link NotificationOutbox} must do, run against each adapter: events are planned once into
 * deliveries, a claimed delivery is not due again until its lease ends, outcomes are logged, and the log is read
 * per tenant. Explicit instants throughout: nothing waits on a clock.
 */
public abstract class NotificationOutboxContract {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId OTHER = TenantId.of("other");

    private NotificationOutbox outbox;

    /** A fresh, empty outbox; called before every test. */
    protected abstract NotificationOutbox createOutbox();

    @BeforeEach
    void fresh() {
        outbox = createOutbox();
    }

    private int added;

    /** Each event a second after the one before, so the order they were told in is certain. */
    private OutboxEvent event(TenantId tenant, JobId job, NotificationEvent kind) {
        return new OutboxEvent(UUID.randomUUID(), tenant, job, kind, Optional.empty(), T0.plusSeconds(added++));
    }

    private static Delivery.Planned hook(String url) {
        return new Delivery.Planned("webhook", url, "{\"type\":\"completed\"}");
    }

    @Test
    void anEventIsPlannedOnceIntoOneDeliveryPerReceiver() {
        JobId job = JobId.random();
        OutboxEvent added = event(ACME, job, NotificationEvent.COMPLETED);
        outbox.add(added);
        List<OutboxEvent> seen = new ArrayList<>();

        int planned = outbox.plan(10, T0, event -> {
            seen.add(event);
            return List.of(hook("http://a.example/"), hook("http://b.example/"));
        });

        assertEquals(1, planned);
        assertEquals(List.of(added), seen);
        assertEquals(0, outbox.plan(10, T0, event -> List.of(hook("http://c.example/"))), "planned only once");
        List<Delivery> log = outbox.deliveries(ACME, Optional.of(job), 10);
        assertEquals(2, log.size());
        for (Delivery d : log) {
            assertEquals(added.messageId(), d.messageId());
            assertEquals(Delivery.Status.PENDING, d.status());
            assertEquals(NotificationEvent.COMPLETED, d.event());
            assertEquals(0, d.attempts());
        }
    }

    @Test
    void aClaimedDeliveryIsNotDueAgainUntilItsLeaseEnds() {
        outbox.add(event(ACME, JobId.random(), NotificationEvent.FAILED));
        outbox.plan(10, T0, event -> List.of(hook("http://a.example/")));

        List<Delivery> first = outbox.claimDue(10, T0, Duration.ofMinutes(1));
        assertEquals(1, first.size());
        assertEquals(1, first.getFirst().attempts());
        assertEquals(List.of(), outbox.claimDue(10, T0.plusSeconds(59), Duration.ofMinutes(1)));
        List<Delivery> again = outbox.claimDue(10, T0.plusSeconds(61), Duration.ofMinutes(1));
        assertEquals(1, again.size(), "a lease that ran out (its process died) makes it due again");
        assertEquals(2, again.getFirst().attempts());
    }

    @Test
    void outcomesAreLoggedAndOnlyARetryComesBack() {
        JobId job = JobId.random();
        outbox.add(event(ACME, job, NotificationEvent.REVIEW_NEEDED));
        outbox.plan(10, T0, event -> List.of(hook("http://ok.example/"), hook("http://retry.example/"),
                hook("http://dead.example/")));
        List<Delivery> claimed = outbox.claimDue(10, T0, Duration.ofMinutes(1));
        assertEquals(3, claimed.size());
        for (Delivery d : claimed) {
            Delivery.Outcome outcome = switch (d.target()) {
                case "http://ok.example/" -> new Delivery.Outcome.Delivered("HTTP 204");
                case "http://retry.example/" -> new Delivery.Outcome.RetryAt(T0.plusSeconds(5), "HTTP 503");
                default -> new Delivery.Outcome.Dead("HTTP 410");
            };
            outbox.record(d.id(), outcome, T0.plusSeconds(1));
        }

        List<Delivery> due = outbox.claimDue(10, T0.plusSeconds(5), Duration.ofMinutes(1));
        assertEquals(List.of("http://retry.example/"), due.stream().map(Delivery::target).toList());
        assertEquals(Optional.of("HTTP 503"), due.getFirst().lastResult());
        List<Delivery> log = outbox.deliveries(ACME, Optional.of(job), 10);
        assertEquals(Delivery.Status.DELIVERED, statusOf(log, "http://ok.example/"));
        assertEquals(Delivery.Status.DEAD, statusOf(log, "http://dead.example/"));
        assertEquals(Optional.of("HTTP 410"), log.stream().filter(d -> d.target().equals("http://dead.example/"))
                .findFirst().orElseThrow().lastResult());
    }

    @Test
    void theLogIsEachTenantsOwnNewestFirst() {
        JobId first = JobId.random();
        JobId second = JobId.random();
        outbox.add(event(ACME, first, NotificationEvent.COMPLETED));
        outbox.add(event(ACME, second, NotificationEvent.COMPLETED));
        outbox.add(event(OTHER, JobId.random(), NotificationEvent.COMPLETED));
        outbox.plan(10, T0, event -> List.of(hook("http://a.example/")));

        List<Delivery> acme = outbox.deliveries(ACME, Optional.empty(), 10);
        assertEquals(List.of(second, first), acme.stream().map(Delivery::jobId).toList());
        assertEquals(1, outbox.deliveries(ACME, Optional.empty(), 1).size(), "the limit holds");
        assertTrue(outbox.deliveries(OTHER, Optional.of(first), 10).isEmpty(), "another tenant's job is not seen");
    }

    @Test
    void anEventNobodySubscribedToLeavesNoDelivery() {
        outbox.add(event(ACME, JobId.random(), NotificationEvent.STALLED));
        assertEquals(1, outbox.plan(10, T0, event -> List.of()));
        assertEquals(0, outbox.plan(10, T0, event -> List.of()));
        assertTrue(outbox.deliveries(ACME, Optional.empty(), 10).isEmpty());
    }

    private static Delivery.Status statusOf(List<Delivery> log, String target) {
        return log.stream().filter(d -> d.target().equals(target)).findFirst().orElseThrow().status();
    }
}
