package dev.conveyor.port.in;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobPage;
import dev.conveyor.model.JobQuery;
import dev.conveyor.model.JobView;
import dev.conveyor.model.ProgressView;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.PipelineDefinition;

import java.util.List;
import java.util.Optional;

/**
 * The reads: cheap enough to poll every 2 s per job. Each reads one stored job (or one page) and computes
 * nothing but arithmetic on it and the clock: a job's progress and ETA are those of the moment of reading.
 */
public interface QueryJobs {

    Optional<ProgressView> progress(TenantId tenant, JobId id);

    Optional<Job> job(TenantId tenant, JobId id);

    /** The job and its progress view from one read. */
    Optional<JobView> view(TenantId tenant, JobId id);

    JobPage list(TenantId tenant, JobQuery query);

    List<PipelineDefinition> pipelines();
}
