package dev.conveyor.adapter.postgres;

import dev.conveyor.adapter.postgres.schema.tables.records.JobRecord;
import dev.conveyor.model.Job;
import dev.conveyor.model.TenantId;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.conveyor.adapter.postgres.schema.tables.Job.JOB;

/**
 * For a batch of items, the newest job of a tenant's pipeline whose input names each: one statement, one probe
 * of {@code job_item_ix} per item reading one row, however many jobs the tenant has.
 */
final class ItemLookup {

    private static final String COLUMNS = JOB.fieldStream().map(field -> "j." + field.getName())
            .collect(Collectors.joining(", "));

    /**
     * The expression {@code job_item_ix} indexes and its condition (only jobs that name an item), spelt the same
     * so the planner uses it.
     */
    static final String NEWEST_BY_ITEM = "SELECT " + COLUMNS + " FROM unnest(?::text[]) AS wanted(item)"
            + " CROSS JOIN LATERAL (SELECT * FROM job WHERE tenant = ? AND pipeline = ?"
            + " AND (input ->> '" + Job.ITEM + "') = wanted.item AND (input ->> '" + Job.ITEM + "') IS NOT NULL"
            + " ORDER BY created_at DESC, id DESC LIMIT 1) AS j";

    private ItemLookup() {
    }

    static Map<String, Job> newestByItem(Database database, TenantId tenant, String pipeline,
                                         Collection<String> items) {
        if (items.isEmpty()) {
            return Map.of();
        }
        String[] distinct = new LinkedHashSet<>(items).toArray(String[]::new);
        return database.jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(NEWEST_BY_ITEM)) {
                statement.setArray(1, connection.createArrayOf("text", distinct));
                statement.setString(2, tenant.value());
                statement.setString(3, pipeline);
                Map<String, Job> found = new HashMap<>(distinct.length * 2);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        JobRecord row = JobReads.record(rows);
                        Job job = JobMapper.toJob(row);
                        found.put(job.input().getString(Job.ITEM, ""), job);
                    }
                }
                return found;
            }
        });
    }
}
