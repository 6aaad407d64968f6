package dev.conveyor.adapter.postgres;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.TenantId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Jobs for the adapter's own tests: five steps, fixed times, in the states the store cares about. */
final class Jobs {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final List<String> STEPS = List.of("extract", "classify", "review", "validate", "generate");

    private Jobs() {
    }

    static Job created(TenantId tenant, Instant at) {
        return Job.create(JobId.random(), tenant, "cma", STEPS, Payload.of("files", List.of("a.pdf", "b.pdf")),
                PipelineOptions.defaults(), at);
    }

    static Job queued(TenantId tenant, Instant at) {
        Job job = created(tenant, at);
        return job.toBuilder().status(JobStatus.QUEUED).processing(true).startedAt(Optional.of(at)).build();
    }

    /** The same job as if another tenant owned it: what a caller with the wrong tenant would send. */
    static Job ownedBy(TenantId tenant, Job job) {
        return new Job(job.id(), tenant, job.pipeline(), job.input(), job.options(), job.status(), job.steps(),
                job.currentStep(), job.progress(), job.processing(), job.error(), job.costUsd(),
                job.estimatedCompletionAt(), job.reviewItems(), job.reviewDecisions(), job.lease(),
                job.cancelRequested(), job.createdAt(), job.updatedAt(), job.startedAt(), job.finishedAt(),
                job.version());
    }
}
