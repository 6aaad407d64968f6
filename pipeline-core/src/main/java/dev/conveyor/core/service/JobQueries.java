package dev.conveyor.core.service;

import dev.conveyor.core.eta.EtaEstimator;
import dev.conveyor.core.registry.Pipelines;
import dev.conveyor.core.run.LearnedTimings;
import dev.conveyor.core.run.Standing;
import dev.conveyor.model.AuditPage;
import dev.conveyor.model.AuditQuery;
import dev.conveyor.model.EtaAccuracy;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobPage;
import dev.conveyor.model.JobQuery;
import dev.conveyor.model.JobView;
import dev.conveyor.model.ProgressView;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.in.QueryJobs;
import dev.conveyor.port.out.AuditTrail;
import dev.conveyor.port.out.JobStore;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reads: one store lookup each, then formatting. A job's progress and expected completion are those of
 * the moment of reading ({@link Standing}), the same in every view of it. That moment is taken before the
 * lookup: a write landing meanwhile is then as late after it as after its writer's clock, which
 * {@link Standing#WRITE_LEEWAY} allows for.
 */
public final class JobQueries implements QueryJobs {

    private final JobStore store;
    private final Pipelines pipelines;
    private final EtaEstimator eta;
    private final LearnedTimings learned;
    private final Clock clock;
    private final AuditTrail trail;

    public JobQueries(JobStore store, Pipelines pipelines, EtaEstimator eta, LearnedTimings learned, Clock clock,
                      AuditTrail trail) {
        this.store = store;
        this.trail = trail;
        this.pipelines = pipelines;
        this.eta = eta;
        this.learned = learned;
        this.clock = clock;
    }

    @Override
    public Optional<ProgressView> progress(TenantId tenant, JobId id) {
        Instant now = clock.instant();
        return store.find(tenant, id).map(job -> ProgressFormat.of(job, pipelines.find(job.pipeline()), eta, now));
    }

    @Override
    public Optional<Job> job(TenantId tenant, JobId id) {
        Instant now = clock.instant();
        return store.find(tenant, id).map(job -> asOf(job, now));
    }

    @Override
    public Optional<JobView> view(TenantId tenant, JobId id) {
        Instant now = clock.instant();
        return store.find(tenant, id).map(job -> {
            Optional<PipelineDefinition> pipeline = pipelines.find(job.pipeline());
            return new JobView(asOf(job, pipeline, now), ProgressFormat.of(job, pipeline, eta, now));
        });
    }

    @Override
    public JobPage list(TenantId tenant, JobQuery query) {
        Instant now = clock.instant();
        JobPage page = store.list(tenant, query);
        return new JobPage(page.jobs().stream().map(job -> asOf(job, now)).toList(), page.nextCursor());
    }

    private Job asOf(Job job, Instant now) {
        return asOf(job, pipelines.find(job.pipeline()), now);
    }

    /** The job with the progress and completion time it shows at {@code now}. */
    private Job asOf(Job job, Optional<PipelineDefinition> pipeline, Instant now) {
        if (!job.processing()) {
            return job;
        }
        Standing standing = Standing.of(job, pipeline, eta, now);
        return job.toBuilder().progress(standing.progress()).estimatedCompletionAt(standing.completionAt()).build();
    }

    @Override
    public Map<JobId, Job> jobs(TenantId tenant, Collection<JobId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Instant now = clock.instant();
        Map<JobId, Job> found = new HashMap<>(store.findAll(tenant, ids));
        found.replaceAll((id, job) -> asOf(job, now));
        return found;
    }

    @Override
    public Map<String, Job> newestByItem(TenantId tenant, String pipeline, Collection<String> items) {
        return items.isEmpty() ? Map.of() : store.newestByItem(tenant, pipeline, items);
    }

    @Override
    public List<PipelineDefinition> pipelines() {
        return pipelines.all();
    }

    /** The job's events, once the tenant is known to have the job: another tenant's job is no job at all. */
    @Override
    public Optional<AuditPage> events(TenantId tenant, JobId id, AuditQuery query) {
        return store.find(tenant, id).map(job -> trail.events(tenant, id, query));
    }

    @Override
    public EtaAccuracy etaAccuracy(String pipeline) {
        if (pipelines.find(pipeline).isEmpty()) {
            throw new IllegalArgumentException("no pipeline is registered as '" + pipeline + "'");
        }
        return learned.accuracy(pipeline);
    }
}
