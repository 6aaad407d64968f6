package dev.conveyor.core.store;

import dev.conveyor.model.Delivery;
import dev.conveyor.model.JobId;
import dev.conveyor.model.OutboxEvent;
import dev.conveyor.model.TenantId;
import dev.conveyor.port.out.JobStore;
import dev.conveyor.port.out.NotificationOutbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The embedded default {@link NotificationOutbox}: best effort. Events arrive after their transition, through the
 * notification hook, and live in this process only: a crash or restart loses what was not yet delivered. The log
 * keeps the newest {@code capacity} deliveries; older finished ones are forgotten first.
 */
public final class InMemoryNotificationOutbox implements NotificationOutbox {

    /** The default number of deliveries the log keeps. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final Deque<OutboxEvent> events = new ArrayDeque<>();
    private final Map<Long, Delivery> deliveries = new LinkedHashMap<>();
    private long nextId = 1;

    public InMemoryNotificationOutbox() {
        this(DEFAULT_CAPACITY);
    }

    public InMemoryNotificationOutbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public boolean isWrittenBy(JobStore store) {
        return false;
    }

    @Override
    public synchronized void add(OutboxEvent event) {
        events.addLast(Objects.requireNonNull(event, "event must not be null"));
        while (events.size() > capacity) {
            events.removeFirst();
        }
    }

    @Override
    public int plan(int max, Instant now, Function<OutboxEvent, List<Delivery.Planned>> plan) {
        List<OutboxEvent> taken = new ArrayList<>();
        synchronized (this) {
            while (taken.size() < max && !events.isEmpty()) {
                taken.add(events.removeFirst());
            }
        }
        for (OutboxEvent event : taken) {
            List<Delivery.Planned> planned = plan.apply(event);
            synchronized (this) {
                for (Delivery.Planned p : planned) {
                    long id = nextId++;
                    deliveries.put(id, new Delivery(id, event.messageId(), event.tenant(), event.jobId(),
                            event.event(), p.channel(), p.target(), p.body(), Delivery.Status.PENDING, 0, now, now,
                            Optional.empty(), Optional.empty()));
                }
                forgetOldest();
            }
        }
        return taken.size();
    }

    @Override
    public synchronized List<Delivery> claimDue(int max, Instant now, Duration lease) {
        List<Delivery> claimed = new ArrayList<>();
        for (Delivery d : deliveries.values()) {
            if (claimed.size() == max) {
                break;
            }
            if (d.status() == Delivery.Status.PENDING && !d.nextAttemptAt().isAfter(now)) {
                claimed.add(d);
            }
        }
        List<Delivery> attempted = new ArrayList<>();
        for (Delivery d : claimed) {
            Delivery next = new Delivery(d.id(), d.messageId(), d.tenant(), d.jobId(), d.event(), d.channel(),
                    d.target(), d.body(), d.status(), d.attempts() + 1, d.createdAt(), now.plus(lease),
                    Optional.of(now), d.lastResult());
            deliveries.put(d.id(), next);
            attempted.add(next);
        }
        return attempted;
    }

    @Override
    public synchronized void record(long id, Delivery.Outcome outcome, Instant now) {
        Delivery d = deliveries.get(id);
        if (d == null) {
            return;
        }
        Delivery.Status status = switch (outcome) {
            case Delivery.Outcome.Delivered ignored -> Delivery.Status.DELIVERED;
            case Delivery.Outcome.RetryAt ignored -> Delivery.Status.PENDING;
            case Delivery.Outcome.Dead ignored -> Delivery.Status.DEAD;
        };
        Instant next = outcome instanceof Delivery.Outcome.RetryAt retry ? retry.at() : d.nextAttemptAt();
        deliveries.put(id, new Delivery(id, d.messageId(), d.tenant(), d.jobId(), d.event(), d.channel(), d.target(),
                d.body(), status, d.attempts(), d.createdAt(), next, Optional.of(now),
                Optional.of(outcome.result())));
    }

    @Override
    public synchronized List<Delivery> deliveries(TenantId tenant, Optional<JobId> job, int limit) {
        List<Delivery> found = new ArrayList<>();
        for (Delivery d : deliveries.values()) {
            if (d.tenant().equals(tenant) && job.map(d.jobId()::equals).orElse(true)) {
                found.add(d);
            }
        }
        List<Delivery> newestFirst = found.reversed();
        return List.copyOf(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
    }

    /** Drops the oldest finished deliveries beyond the capacity; pending ones stay until they finish. */
    private void forgetOldest() {
        var it = deliveries.values().iterator();
        while (deliveries.size() > capacity && it.hasNext()) {
            if (it.next().status() != Delivery.Status.PENDING) {
                it.remove();
            }
        }
    }
}
