package dev.conveyor.port.out;

import dev.conveyor.model.Notification;

/** Tells people about a job (review needed, ready, failed). Fire-and-forget, like the audit hook. */
@FunctionalInterface
public interface NotificationHook {

    void send(Notification notification) throws Exception;

    /**
     * Whether {@code store} hands this hook its news itself, through an outbox written in the same transaction as
     * each transition (see {@link NotificationOutbox#isWrittenBy}). The engine then does not call {@link #send} for
     * those, as long as the store also keeps the audit log the outbox is written with.
     */
    default boolean isKeptBy(JobStore store) {
        return false;
    }
}
