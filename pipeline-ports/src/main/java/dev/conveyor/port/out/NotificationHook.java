package dev.conveyor.port.out;

import dev.conveyor.model.Notification;

/** Tells people about a job (review needed, ready, failed). Fire-and-forget, like the audit hook. */
@FunctionalInterface
public interface NotificationHook {

    void send(Notification notification) throws Exception;
}
