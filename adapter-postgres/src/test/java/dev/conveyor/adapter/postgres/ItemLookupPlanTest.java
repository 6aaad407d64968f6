package dev.conveyor.adapter.postgres;

import dev.conveyor.core.store.JobBuilder;
import dev.conveyor.model.Job;
import dev.conveyor.model.Payload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding a batch's earlier jobs probes the item index once per item; it never reads the tenant's history, whether
 * or not the planner has statistics yet. Only jobs that name an item are in that index.
 */
class ItemLookupPlanTest {

    private static PostgresConfig config;
    private static PostgresStores stores;

    @BeforeAll
    static void aTenantWithALongHistory() {
        config = TestDatabase.freshSchema(ItemLookupPlanTest.class);
        stores = PostgresStores.connect(config);
        TestDatabase.execute("ALTER TABLE " + config.schema() + ".job SET (autovacuum_enabled = false)");
        for (int batch = 0; batch < 5; batch++) {
            int first = batch * 1_000;
            stores.jobStore().insertAll(IntStream.range(first, first + 1_000)
                    .mapToObj(i -> JobBuilder.aJob().forTenant("acme").withInput(Payload.of(Job.ITEM, "item-" + i))
                            .build())
                    .toList());
        }
    }

    @AfterAll
    static void dropSchema() {
        TestDatabase.closeAndDrop(stores, config);
    }

    @Test
    void theLookupUsesTheItemIndexBeforeAnyStatisticsAndWithFreshOnes() throws Exception {
        List<String> items = List.of("item-7", "item-4242", "no-such-item");
        String before = explain(items);
        TestDatabase.execute("ANALYZE " + config.schema() + ".job");
        String after = explain(items);

        for (String plan : List.of(before, after)) {
            assertTrue(plan.contains("job_item_ix"), plan);
            assertFalse(plan.contains("Seq Scan on job"), plan);
        }
    }

    @Test
    void jobsThatNameNoItemAreNotIndexedByItem() throws Exception {
        long before = indexSize();
        stores.jobStore().insertAll(IntStream.range(0, 2_000)
                .mapToObj(i -> JobBuilder.aJob().forTenant("globex").withInput(Payload.of("files", i)).build())
                .toList());

        assertEquals(before, indexSize(), "2,000 jobs without an item added nothing to job_item_ix");
    }

    private static long indexSize() throws Exception {
        try (Connection c = TestDatabase.open(); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT pg_relation_size('" + config.schema() + ".job_item_ix')")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String explain(List<String> items) throws Exception {
        return GenericPlan.of(config.schema(), ItemLookup.NEWEST_BY_ITEM, items.toArray(String[]::new), "acme",
                "documents");
    }
}
