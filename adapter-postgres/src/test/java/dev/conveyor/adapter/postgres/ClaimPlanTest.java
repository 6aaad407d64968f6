package dev.conveyor.adapter.postgres;

import dev.conveyor.core.store.JobBuilder;
import dev.conveyor.model.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
        String plan = explainClaim();

        assertTrue(plan.contains("job_queue_ix"), plan);
        assertFalse(plan.contains("job_item_ix"), plan);
        assertFalse(plan.contains("Seq Scan on job"), plan);
    }

    @Test
    void aClaimWalksTheQueueIndexWithFreshStatistics() throws Exception {
        TestDatabase.execute("ANALYZE " + config.schema() + ".job");

        String plan = explainClaim();

        assertTrue(plan.contains("job_queue_ix"), plan);
        assertFalse(plan.contains("Seq Scan on job"), plan);
    }

    private String explainClaim() throws Exception {
        try (Connection connection = TestDatabase.open()) {
            connection.createStatement().execute("SET search_path TO " + config.schema());
            connection.createStatement().execute(Database.ONE_PLAN_PER_STATEMENT); // the plan the pool's connections use
            try (PreparedStatement statement = connection.prepareStatement("EXPLAIN " + ClaimStatement.pickSql())) {
                PreparedWrite.bind(statement, ClaimStatement.pickValues(java.util.Set.of("noop"), 8));
                StringBuilder plan = new StringBuilder();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                return plan.toString();
            }
        }
    }
}
