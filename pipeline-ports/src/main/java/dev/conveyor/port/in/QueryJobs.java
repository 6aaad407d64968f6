package dev.conveyor.port.in;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobPage;
import dev.conveyor.model.JobQuery;
import dev.conveyor.model.ProgressView;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.PipelineDefinition;

import java.util.List;
import java.util.Optional;

/** The reads: cheap enough to poll every 2 s per job; they read what is stored and compute nothing. */
public interface QueryJobs {

    Optional<ProgressView> progress(TenantId tenant, JobId id);

    Optional<Job> job(TenantId tenant, JobId id);

    JobPage list(TenantId tenant, JobQuery query);

    List<PipelineDefinition> pipelines();
}
