package dev.conveyor.adapter.cli.batch;

import dev.conveyor.model.Job;
import dev.conveyor.model.TenantId;
import dev.conveyor.port.in.QueryJobs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The jobs earlier runs left for these items: for each item, the newest job of the pipeline whose input
 * names it. This is what lets a re-run with the same store skip done items and resume the rest. One indexed
 * lookup per {@value #LOOKUP_BATCH} items, however many jobs the store holds.
 */
final class PriorJobs {

    static final int LOOKUP_BATCH = 1_000;

    private PriorJobs() {
    }

    static Map<String, Job> newestByItem(QueryJobs queries, TenantId tenant, String pipeline, List<String> items) {
        Map<String, Job> found = new HashMap<>();
        for (int from = 0; from < items.size(); from += LOOKUP_BATCH) {
            found.putAll(queries.newestByItem(tenant, pipeline,
                    items.subList(from, Math.min(items.size(), from + LOOKUP_BATCH))));
        }
        return found;
    }
}
