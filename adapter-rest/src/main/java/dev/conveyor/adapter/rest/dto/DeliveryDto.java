package dev.conveyor.adapter.rest.dto;

import dev.conveyor.model.Delivery;

import java.util.Locale;

/**
 * One notification delivery as the log shows it: the message (its {@code webhook-id}), where it went, how many
 * attempts it took and what the last one got; {@code next_attempt_at} only while it is pending.
 */
public record DeliveryDto(long id, String messageId, String jobId, String event, String channel, String target,
                          String status, int attempts, String createdAt, String lastAttemptAt, String lastResult,
                          String nextAttemptAt) {

    public static DeliveryDto of(Delivery delivery) {
        boolean pending = delivery.status() == Delivery.Status.PENDING;
        return new DeliveryDto(delivery.id(), delivery.messageId(), delivery.jobId().toString(),
                delivery.event().wireName(), delivery.channel(), delivery.target(),
                delivery.status().name().toLowerCase(Locale.ROOT), delivery.attempts(),
                delivery.createdAt().toString(), delivery.lastAttemptAt().map(Object::toString).orElse(null),
                delivery.lastResult().orElse(null), pending ? delivery.nextAttemptAt().toString() : null);
    }
}
