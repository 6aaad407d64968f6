package dev.conveyor.adapter.notify;

import dev.conveyor.model.Delivery;
import dev.conveyor.model.Job;
import dev.conveyor.model.NotificationEvent;
import dev.conveyor.model.OutboxEvent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Plans an outbox event into deliveries: one per webhook endpoint and one per email subscription that cover the
 * job's tenant and the event, all with the same message. A review the job asked not to be told of
 * ({@code notify_on_review} off) goes to nobody.
 */
final class Routes {

    private final NotifyConfig config;

    Routes(NotifyConfig config) {
        this.config = config;
    }

    List<Delivery.Planned> plan(OutboxEvent event, Optional<Job> job) {
        if (event.event() == NotificationEvent.REVIEW_NEEDED && job.map(j -> !j.options().notifyOnReview())
                .orElse(false)) {
            return List.of();
        }
        String body = Messages.body(event, job, config.dashboardUrl());
        List<Delivery.Planned> planned = new ArrayList<>();
        for (WebhookEndpoint endpoint : config.webhooks()) {
            if (endpoint.subscription().covers(event.tenant(), event.event())) {
                planned.add(new Delivery.Planned(WebhookChannel.NAME, endpoint.url().toString(), body));
            }
        }
        for (EmailRecipients recipients : config.emails()) {
            if (recipients.subscription().covers(event.tenant(), event.event())) {
                Set<String> to = new LinkedHashSet<>(recipients.to());
                recipients.inputField().flatMap(field -> job.map(j -> j.input().getString(field, "").strip()))
                        .filter(address -> address.contains("@")).ifPresent(to::add);
                if (!to.isEmpty()) {
                    planned.add(new Delivery.Planned(EmailChannel.NAME, String.join(", ", to), body));
                }
            }
        }
        return planned;
    }
}
