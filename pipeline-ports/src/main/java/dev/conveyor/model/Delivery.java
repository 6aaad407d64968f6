package dev.conveyor.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One message to one receiver (a webhook endpoint, an email's recipients) and how its delivery went: the delivery
 * log. A pending delivery is tried again at {@code nextAttemptAt} until it is delivered or given up as dead.
 *
 * @param id          the log's own number for it, increasing
 * @param messageId   the message's id, the same for every receiver and attempt ({@link OutboxEvent#messageId()})
 * @param channel     how it travels: {@code webhook} or {@code email}
 * @param target      where to: the endpoint's URL, or the recipients' addresses
 * @param body        what is sent: the webhook's JSON body, from which an email is also written
 * @param lastResult  what the last attempt got: {@code HTTP 503}, a connection error, the SMTP server's answer
 */
public record Delivery(long id, String messageId, TenantId tenant, JobId jobId, NotificationEvent event,
                       String channel, String target, String body, Status status, int attempts, Instant createdAt,
                       Instant nextAttemptAt, Optional<Instant> lastAttemptAt, Optional<String> lastResult) {

    /** Where a delivery stands. */
    public enum Status {
        /** Not yet delivered; tried again at its next attempt time. */
        PENDING,
        /** The receiver accepted it. */
        DELIVERED,
        /** Given up: the receiver refused it for good, or kept failing for the whole retry window. */
        DEAD
    }

    public Delivery {
        Objects.requireNonNull(messageId, "messageId must not be null");
        Objects.requireNonNull(tenant, "tenant must not be null");
        Objects.requireNonNull(jobId, "jobId must not be null");
        Objects.requireNonNull(event, "event must not be null");
        Objects.requireNonNull(channel, "channel must not be null");
        Objects.requireNonNull(target, "target must not be null");
        Objects.requireNonNull(body, "body must not be null");
        Objects.requireNonNull(status, "status must not be null");
        Objects.requireNonNull(createdAt, "createdAt must not be null");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt must not be null");
        Objects.requireNonNull(lastAttemptAt, "lastAttemptAt must not be null");
        Objects.requireNonNull(lastResult, "lastResult must not be null");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative, got " + attempts);
        }
    }

    /** A delivery to plan: one receiver of one outbox event, with the body it gets. */
    public record Planned(String channel, String target, String body) {

        public Planned {
            Objects.requireNonNull(channel, "channel must not be null");
            Objects.requireNonNull(target, "target must not be null");
            Objects.requireNonNull(body, "body must not be null");
        }
    }

    /** What an attempt came to: delivered, to be tried again at a time, or dead. */
    public sealed interface Outcome {

        /** What the attempt got, for the log. */
        String result();

        record Delivered(String result) implements Outcome {
        }

        record RetryAt(Instant at, String result) implements Outcome {
            public RetryAt {
                Objects.requireNonNull(at, "at must not be null");
            }
        }

        record Dead(String result) implements Outcome {
        }
    }
}
