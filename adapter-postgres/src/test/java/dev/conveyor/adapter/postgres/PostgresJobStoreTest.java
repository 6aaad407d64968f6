package dev.conveyor.adapter.postgres;

import dev.conveyor.core.store.JobStoreContract;
import dev.conveyor.port.out.JobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract, unchanged, on PostgreSQL: one schema for the class, emptied before every test. */
class PostgresJobStoreTest extends JobStoreContract {

    private static PostgresConfig config;
    private static PostgresStores stores;

    @BeforeAll
    static void connect() {
        config = TestDatabase.freshSchema(PostgresJobStoreTest.class);
        stores = PostgresStores.connect(config);
    }

    @AfterAll
    static void dropSchema() {
        TestDatabase.closeAndDrop(stores, config);
    }

    @Override
    protected JobStore createStore() {
        TestDatabase.execute("TRUNCATE " + config.schema() + ".job");
        return stores.jobStore();
    }
}
