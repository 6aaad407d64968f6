package dev.conveyor.adapter.postgres;

import dev.conveyor.core.store.JobBuilder;
import dev.conveyor.model.JobStatus;
import org.jooq.conf.ParamType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The queue's age, which a health probe reads every few seconds, is one probe of the queue index, and its depth, which
 * a metrics scrape reads, a count of that index: neither reads the finished history, however long.
 */
class OldestQueuedPlanTest {

    private static PostgresConfig config;
    private static PostgresStores stores;

    @BeforeAll
    static void aLongHistoryAndAShortQueue() {
        config = TestDatabase.freshSchema(OldestQueuedPlanTest.class);
        stores = PostgresStores.connect(config);
        for (int batch = 0; batch < 5; batch++) {
            stores.jobStore().insertAll(IntStream.range(0, 1_000)
                    .mapToObj(i -> JobBuilder.aJob().forTenant("tenant-" + i % 7)
                            .finished(JobStatus.COMPLETED, JobBuilder.T0.plusSeconds(i)).build())
                    .toList());
        }
        stores.jobStore().insertAll(IntStream.range(0, 20)
                .mapToObj(i -> JobBuilder.aJob().queuedAt(JobBuilder.T0.plusSeconds(i)).build())
                .toList());
        TestDatabase.execute("ANALYZE " + config.schema() + ".job");
    }

    @AfterAll
    static void dropSchema() {
        TestDatabase.closeAndDrop(stores, config);
    }

    @Test
    void theQueuesAgeIsReadFromTheQueueIndex() throws Exception {
        String plan = explain(PostgresJobStore.oldestQueued(Database.SQL).getSQL(ParamType.INLINED));

        assertTrue(plan.contains("job_queue_ix"), plan);
        assertFalse(plan.contains("Seq Scan on job"), plan);
        assertFalse(plan.contains("Sort"), plan);
    }

    @Test
    void theQueuesDepthIsCountedOnTheQueueIndex() throws Exception {
        String plan = explain(PostgresJobStore.queued(Database.SQL).getSQL(ParamType.INLINED));

        assertTrue(plan.contains("job_queue_ix"), plan);
        assertFalse(plan.contains("Seq Scan on job"), plan);
        assertEquals(20, stores.jobStore().queuedCount());
    }

    private static String explain(String query) throws Exception {
        try (Connection connection = TestDatabase.open(); Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + config.schema());
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = statement.executeQuery("EXPLAIN " + query)) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }
}
