package dev.conveyor.core.service;

import dev.conveyor.core.registry.Pipelines;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobPage;
import dev.conveyor.model.JobQuery;
import dev.conveyor.model.ProgressView;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.in.QueryJobs;
import dev.conveyor.port.out.JobStore;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reads: one store lookup each, then formatting. */
public final class JobQueries implements QueryJobs {

    private final JobStore store;
    private final Pipelines pipelines;
    private final Clock clock;

    public JobQueries(JobStore store, Pipelines pipelines, Clock clock) {
        this.store = store;
        this.pipelines = pipelines;
        this.clock = clock;
    }

    @Override
    public Optional<ProgressView> progress(TenantId tenant, JobId id) {
        return store.find(tenant, id)
                .map(job -> ProgressFormat.of(job, pipelines.find(job.pipeline()), clock.instant()));
    }

    @Override
    public Optional<Job> job(TenantId tenant, JobId id) {
        return store.find(tenant, id);
    }

    @Override
    public JobPage list(TenantId tenant, JobQuery query) {
        return store.list(tenant, query);
    }

    @Override
    public Map<JobId, Job> jobs(TenantId tenant, Collection<JobId> ids) {
        return ids.isEmpty() ? Map.of() : store.findAll(tenant, ids);
    }

    @Override
    public Map<String, Job> newestByItem(TenantId tenant, String pipeline, Collection<String> items) {
        return items.isEmpty() ? Map.of() : store.newestByItem(tenant, pipeline, items);
    }

    @Override
    public List<PipelineDefinition> pipelines() {
        return pipelines.all();
    }
}
