package dev.conveyor.adapter.postgres;

import dev.conveyor.core.store.JobBuilder;
import dev.conveyor.model.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The queue's age, which a health probe reads every few seconds, is one probe of the queue index, and its depth, which
 * a metrics scrape reads, a count of that index: neither reads the finished history, however long.
 */
class OldestQueuedPlanTest {

    private PostgresConfig config;
    private PostgresStores stores;

    @BeforeEach
    void aLongHistoryAndAShortQueue() {
        config = TestDatabase.freshSchema(OldestQueuedPlanTest.class);
        stores = PostgresStores.connect(config);
        TestDatabase.execute("ALTER TABLE " + config.schema() + ".job SET (autovacuum_enabled = false)");
        for (int batch = 0; batch < 5; batch++) {
            stores.jobStore().insertAll(IntStream.range(0, 1_000)
                    .mapToObj(i -> JobBuilder.aJob().forTenant("tenant-" + i % 7)
                            .finished(JobStatus.COMPLETED, JobBuilder.T0.plusSeconds(i)).build())
                    .toList());
        }
        stores.jobStore().insertAll(IntStream.range(0, 20)
                .mapToObj(i -> JobBuilder.aJob().queuedAt(JobBuilder.T0.plusSeconds(i)).build())
                .toList());
    }

    @AfterEach
    void dropSchema() {
        TestDatabase.closeAndDrop(stores, config);
    }

    @Test
    void theQueuesAgeIsReadFromTheQueueIndexBeforeAnyStatisticsAndWithFreshOnes() throws Exception {
        String before = GenericPlan.of(config.schema(), PostgresJobStore.oldestQueued(Database.SQL));
        TestDatabase.execute("ANALYZE " + config.schema() + ".job");
        String after = GenericPlan.of(config.schema(), PostgresJobStore.oldestQueued(Database.SQL));

        for (String plan : List.of(before, after)) {
            assertTrue(plan.contains("job_queue_ix"), plan);
            assertFalse(plan.contains("Seq Scan on job"), plan);
            assertFalse(plan.contains("Sort"), plan);
        }
    }

    @Test
    void theQueuesDepthIsCountedOnTheQueueIndex() throws Exception {
        TestDatabase.execute("ANALYZE " + config.schema() + ".job");

        String plan = GenericPlan.of(config.schema(), PostgresJobStore.queued(Database.SQL));

        assertTrue(plan.contains("job_queue_ix"), plan);
        assertFalse(plan.contains("Seq Scan on job"), plan);
        assertEquals(20, stores.jobStore().queuedCount());
    }
}
