package dev.conveyor.adapter.postgres;

import dev.conveyor.core.store.JobBuilder;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.WorkerId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every worker claims several times a second, so a claim reads the queue and never the finished history, however
 * long it is and whether or not the planner has statistics yet. A table that fills in seconds, as a batch submit
 * or a first run fills it, outruns autovacuum's ANALYZE: without statistics, the planner once preferred the item
 * lookup index for the pipeline filter and read every row of the table on each claim.
 */
class ClaimPlanTest {

    private static final int HISTORY = 6_000;

    private PostgresConfig config;
    private PostgresStores stores;

    @BeforeEach
    void aLongHistoryNotYetAnalyzed() {
        config = TestDatabase.freshSchema(ClaimPlanTest.class);
        stores = PostgresStores.connect(config);
        TestDatabase.execute("ALTER TABLE " + config.schema() + ".job SET (autovacuum_enabled = false)");
        stores.jobStore().insertAll(IntStream.range(0, 20)
                .mapToObj(i -> JobBuilder.aJob().forPipeline("noop").queuedAt(JobBuilder.T0.plusSeconds(i)).build())
                .toList());
        for (int batch = 0; batch < HISTORY / 1_000; batch++) {
            int offset = batch * 1_000;
            stores.jobStore().insertAll(IntStream.range(0, 1_000)
                    .mapToObj(i -> JobBuilder.aJob().forPipeline("noop")
                            .finished(JobStatus.COMPLETED, JobBuilder.T0.plusSeconds(offset + i)).build())
                    .toList());
        }
    }

    @AfterEach
    void dropSchema() {
        TestDatabase.closeAndDrop(stores, config);
    }

    @Test
    void aClaimWalksTheQueueIndexBeforeAnyStatistics() throws Exception {
        for (String plan : claimPlans()) {
            assertTrue(plan.contains("job_queue_ix"), plan);
            assertFalse(plan.contains("job_item_ix"), plan);
            assertFalse(plan.contains("Seq Scan on job"), plan);
        }
    }

    @Test
    void aClaimWalksTheQueueIndexWithFreshStatistics() throws Exception {
        TestDatabase.execute("ANALYZE " + config.schema() + ".job");

        for (String plan : claimPlans()) {
            assertTrue(plan.contains("job_queue_ix"), plan);
            assertFalse(plan.contains("Seq Scan on job"), plan);
        }
    }

    /** Both ways to claim: the select that locks the jobs a worker starts at once, and the update that leases them. */
    private List<String> claimPlans() throws Exception {
        Set<String> pipelines = Set.of("noop");
        return List.of(
                GenericPlan.of(config.schema(), ClaimStatement.pickSql(), ClaimStatement.pickValues(pipelines, 8)),
                GenericPlan.of(config.schema(), ClaimStatement.claimSql(), ClaimStatement.claimValues(
                        new WorkerId("worker-1"), pipelines, 8, JobBuilder.T0, Duration.ofSeconds(30))));
    }
}
