package dev.conveyor.adapter.postgres;

import dev.conveyor.core.store.AuditTrailContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The audit trail contract, unchanged, on the {@code audit_event} table: one schema, emptied before every test. */
class PostgresAuditTrailTest extends AuditTrailContract {

    private static PostgresConfig config;
    private static PostgresStores stores;

    @BeforeAll
    static void connect() {
        config = TestDatabase.freshSchema(PostgresAuditTrailTest.class);
        stores = PostgresStores.connect(config);
    }

    @AfterAll
    static void dropSchema() {
        TestDatabase.closeAndDrop(stores, config);
    }

    @Override
    protected Log createLog() {
        TestDatabase.execute("TRUNCATE " + config.schema() + ".audit_event");
        return new Log(stores.auditLog(), stores.auditTrail());
    }
}
