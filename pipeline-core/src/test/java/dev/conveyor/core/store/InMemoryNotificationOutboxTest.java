package dev.conveyor.core.store;

import dev.conveyor.port.out.NotificationOutbox;

/** The outbox contract on the embedded, best-effort outbox. */
class InMemoryNotificationOutboxTest extends NotificationOutboxContract {

    @Override
    protected NotificationOutbox createOutbox() {
        return new InMemoryNotificationOutbox();
    }
}
