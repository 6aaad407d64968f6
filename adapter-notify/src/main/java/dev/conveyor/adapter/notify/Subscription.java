package dev.conveyor.adapter.notify;

import dev.conveyor.model.NotificationEvent;
import dev.conveyor.model.TenantId;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who a receiver hears about: one tenant's jobs, or every tenant's ({@code "*"}), and the events it asked for.
 *
 * @param tenant empty for every tenant
 */
public record Subscription(Optional<TenantId> tenant, Set<NotificationEvent> events) {

    public Subscription {
        Objects.requireNonNull(tenant, "tenant must not be null");
        events = Set.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("events must name at least one of review_needed, completed, failed, "
                    + "stalled");
        }
    }

    boolean covers(TenantId jobTenant, NotificationEvent event) {
        return events.contains(event) && tenant.map(jobTenant::equals).orElse(true);
    }
}
