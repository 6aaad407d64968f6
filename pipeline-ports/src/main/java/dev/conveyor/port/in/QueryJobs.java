package dev.conveyor.port.in;

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

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reads: cheap enough to poll every 2 s per job. Each reads one stored job (or one page) and computes
 * nothing but arithmetic on it and the clock: a job's progress and ETA are those of the moment of reading.
 */
public interface QueryJobs {

    Optional<ProgressView> progress(TenantId tenant, JobId id);

    Optional<Job> job(TenantId tenant, JobId id);

    /**
     * The job and its progress view, as of one moment. The engine reads the job once; this default reads it
     * twice, for read sides that only need to be simple.
     */
    default Optional<JobView> view(TenantId tenant, JobId id) {
        return job(tenant, id).flatMap(job -> progress(tenant, id).map(progress -> new JobView(job, progress)));
    }

    /**
     * The tenant's jobs among {@code ids}, by id, read together (one statement on a shared store); ids with no
     * such job are absent. This default reads them one by one.
     */
    default Map<JobId, Job> jobs(TenantId tenant, Collection<JobId> ids) {
        Map<JobId, Job> found = new HashMap<>();
        for (JobId id : ids) {
            job(tenant, id).ifPresent(job -> found.put(id, job));
        }
        return found;
    }

    JobPage list(TenantId tenant, JobQuery query);

    /**
     * For each of {@code items}, the newest of the tenant's jobs of {@code pipeline} whose input names that item
     * under {@link Job#ITEM}; an item no job names is absent. One indexed lookup, not a scan of the history.
     */
    Map<String, Job> newestByItem(TenantId tenant, String pipeline, Collection<String> items);

    List<PipelineDefinition> pipelines();

    /**
     * A page of the job's audit trail, oldest first: every transition (steps started, completed, retried, failed;
     * reviews, cancels, completion), each event's details with the internal ones a user never sees among them.
     * Empty when the tenant has no such job.
     *
     * @throws IllegalArgumentException when the query's cursor is not one this read side gave out
     */
    Optional<AuditPage> events(TenantId tenant, JobId id, AuditQuery query);

    /**
     * How far a registered pipeline's recent ETAs could be trusted: the mean absolute percentage error of the
     * remaining time its completed runs showed at 25, 50 and 75 % of their duration.
     *
     * @throws IllegalArgumentException when no pipeline of that name is registered
     */
    EtaAccuracy etaAccuracy(String pipeline);
}
