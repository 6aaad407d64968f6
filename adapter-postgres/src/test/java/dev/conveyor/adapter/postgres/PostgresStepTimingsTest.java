package dev.conveyor.adapter.postgres;

import dev.conveyor.core.store.StepTimingsContract;
import dev.conveyor.port.out.StepTimings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresStepTimingsTest extends StepTimingsContract {

    private static PostgresConfig config;
    private static PostgresStores stores;

    @BeforeAll
    static void connect() {
        config = TestDatabase.freshSchema(PostgresStepTimingsTest.class);
        stores = PostgresStores.connect(config);
    }

    @AfterAll
    static void dropSchema() {
        TestDatabase.closeAndDrop(stores, config);
    }

    @Override
    protected StepTimings createTimings() {
        TestDatabase.execute("TRUNCATE " + config.schema() + ".step_timing");
        return stores.stepTimings();
    }
}
