package dev.conveyor.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One piece of news waiting in the notification outbox to be planned into deliveries. Its {@code id} names the
 * message everywhere it goes (a webhook's {@code webhook-id} is {@code msg_} and this id), so a receiver can tell
 * a redelivery from new news.
 *
 * @param step the step a {@link NotificationEvent#STALLED} event is about
 */
public record OutboxEvent(UUID id, TenantId tenant, JobId jobId, NotificationEvent event, Optional<String> step,
                          Instant at) {

    public OutboxEvent {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(tenant, "tenant must not be null");
        Objects.requireNonNull(jobId, "jobId must not be null");
        Objects.requireNonNull(event, "event must not be null");
        Objects.requireNonNull(step, "step must not be null");
        Objects.requireNonNull(at, "at must not be null");
    }

    /** The event a notification tells, stamped {@code at}, with a new id. */
    public static OutboxEvent of(Notification notification, Instant at) {
        Optional<String> step = notification instanceof Notification.Stalled stalled
                ? Optional.of(stalled.step()) : Optional.empty();
        Job job = notification.job();
        return new OutboxEvent(UUID.randomUUID(), job.tenant(), job.id(), NotificationEvent.of(notification), step,
                at);
    }

    /** The message id receivers see: {@code msg_} and the id without dashes. */
    public String messageId() {
        return "msg_" + id.toString().replace("-", "");
    }
}
