package dev.conveyor.adapter.cli.support;

import dev.conveyor.adapter.cli.ConveyorMain;
import dev.conveyor.core.store.InMemoryJobStore;
import dev.conveyor.core.store.InMemoryStepTimings;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobPage;
import dev.conveyor.model.JobQuery;
import dev.conveyor.model.TenantId;

import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for a shared PostgreSQL in in-process tests: every command given {@code --db} works on this one
 * in-memory store, so jobs outlive a command as they would in a database.
 */
public final class SharedStore {

    public static final String URL = "jdbc:postgresql://shared.test/conveyor";

    public final InMemoryJobStore jobs = new InMemoryJobStore();
    public final InMemoryStepTimings timings = new InMemoryStepTimings();

    public ConveyorMain.Databases databases() {
        return url -> new ConveyorMain.Stores(jobs, timings, List.of(), () -> { });
    }

    public List<Job> all(TenantId tenant) {
        List<Job> all = new ArrayList<>();
        JobQuery query = JobQuery.firstPage(JobQuery.MAX_LIMIT);
        while (true) {
            JobPage page = jobs.list(tenant, query);
            all.addAll(page.jobs());
            if (page.nextCursor().isEmpty()) {
                return all;
            }
            query = query.after(page.nextCursor().get());
        }
    }
}
