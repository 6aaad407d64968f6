package dev.conveyor.adapter.postgres;

import dev.conveyor.core.store.JobBuilder;
import dev.conveyor.model.Job;
import dev.conveyor.model.Payload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finding a batch's earlier jobs probes the item index once per item; it never reads the tenant's history. */
class ItemLookupPlanTest {

    private static PostgresConfig config;
    private static PostgresStores stores;

    @BeforeAll
    static void aTenantWithALongHistory() {
        config = TestDatabase.freshSchema(ItemLookupPlanTest.class);
        stores = PostgresStores.connect(config);
        for (int batch = 0; batch < 5; batch++) {
            int first = batch * 1_000;
            stores.jobStore().insertAll(IntStream.range(first, first + 1_000)
                    .mapToObj(i -> JobBuilder.aJob().forTenant("acme").withInput(Payload.of(Job.ITEM, "item-" + i))
                            .build())
                    .toList());
        }
        TestDatabase.execute("ANALYZE " + config.schema() + ".job");
    }

    @AfterAll
    static void dropSchema() {
        TestDatabase.closeAndDrop(stores, config);
    }

    @Test
    void theLookupUsesTheItemIndex() throws Exception {
        String plan = explain(List.of("item-7", "item-4242", "no-such-item"));

        assertTrue(plan.contains("job_item_ix"), plan);
        assertFalse(plan.contains("Seq Scan on job"), plan);
    }

    private static String explain(List<String> items) throws Exception {
        try (Connection connection = TestDatabase.open()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET search_path TO " + config.schema());
                statement.execute(Database.ONE_PLAN_PER_STATEMENT); // the plan the pool's connections use
            }
            try (PreparedStatement statement = connection.prepareStatement("EXPLAIN " + ItemLookup.NEWEST_BY_ITEM)) {
                statement.setArray(1, connection.createArrayOf("text", items.toArray()));
                statement.setString(2, "acme");
                statement.setString(3, "documents");
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
