package dev.conveyor.adapter.cli.batch;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobPage;
import dev.conveyor.model.JobQuery;
import dev.conveyor.model.TenantId;
import dev.conveyor.port.in.QueryJobs;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The jobs earlier runs left for these items: for each item, the newest job of the pipeline whose input
 * names it. This is what lets a re-run with the same store skip done items and resume the rest.
 */
final class PriorJobs {

    private PriorJobs() {
    }

    static Map<String, Job> newestByItem(QueryJobs queries, TenantId tenant, String pipeline, Set<String> items) {
        Map<String, Job> found = new HashMap<>();
        JobQuery query = JobQuery.firstPage(JobQuery.MAX_LIMIT).withPipeline(pipeline);
        while (true) {
            JobPage page = queries.list(tenant, query);
            for (Job job : page.jobs()) {
                String item = job.input().getString(Item.KEY, "");
                if (items.contains(item)) {
                    found.putIfAbsent(item, job);
                }
            }
            Optional<String> next = page.nextCursor();
            if (next.isEmpty() || found.size() == items.size()) {
                return found;
            }
            query = query.after(next.get());
        }
    }
}
