package dev.conveyor.adapter.postgres;

import dev.conveyor.core.store.NotificationOutboxContract;
import dev.conveyor.port.out.NotificationOutbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The outbox contract, unchanged, on PostgreSQL: one schema for the class, emptied before every test. */
class PostgresNotificationOutboxTest extends NotificationOutboxContract {

    private static PostgresConfig config;
    private static PostgresStores stores;

    @BeforeAll
    static void connect() {
        config = TestDatabase.freshSchema(PostgresNotificationOutboxTest.class);
        stores = PostgresStores.connect(config);
    }

    @AfterAll
    static void dropSchema() {
        TestDatabase.closeAndDrop(stores, config);
    }

    @Override
    protected NotificationOutbox createOutbox() {
        TestDatabase.execute("TRUNCATE " + config.schema() + ".notification_outbox, " + config.schema()
                + ".notification_delivery");
        return stores.notificationOutbox();
    }
}
