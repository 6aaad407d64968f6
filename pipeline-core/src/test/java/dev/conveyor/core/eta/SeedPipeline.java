package dev.conveyor.core.eta;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.Estimate;
import dev.conveyor.pipeline.PipelineDefinition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The reference five-step pipeline with its definitions' fixed estimates (extract 5 s per file, classify 3 s per 20 items, a
 * review gate, validate 1 s, generate 2 s) and jobs over it on a fixed clock.
 */
final class SeedPipeline {

    static final Instant T0 = Instant.parse("2026-02-25T10:30:00Z");
    static final Payload THREE_FILES_FORTY_ITEMS = Payload.of("files", List.of("a.pdf", "b.pdf", "c.pdf"),
            "items", 40);

    static final PipelineDefinition PIPELINE = PipelineDefinition.named("cma")
            .step("extract", 25, Estimate.perUnit(Duration.ofSeconds(5), 1, "files"), context -> { })
            .step("classify", 25, Estimate.perUnit(Duration.ofSeconds(3), 20, "items"), context -> { })
            .reviewGate("review", 10)
            .step("validate", 20, Estimate.fixed(Duration.ofSeconds(1)), context -> { })
            .step("generate", 20, Estimate.fixed(Duration.ofSeconds(2)), context -> { })
            .build();

    private SeedPipeline() {
    }

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** A job over {@link #PIPELINE} with three files and forty items, every step pending. */
    static Job job(JobStatus status) {
        return job(status, PipelineOptions.defaults());
    }

    static Job job(JobStatus status, PipelineOptions options) {
        return job(PIPELINE, status, options);
    }

    /** A job over another pipeline, with the same input. */
    static Job job(PipelineDefinition pipeline, JobStatus status) {
        return job(pipeline, status, PipelineOptions.defaults());
    }

    private static Job job(PipelineDefinition pipeline, JobStatus status, PipelineOptions options) {
        return Job.create(JobId.random(), TenantId.of("firm-1"), pipeline.name(), pipeline.stepNames(),
                THREE_FILES_FORTY_ITEMS, options, T0).toBuilder().status(status).build();
    }

    /** The same job with the named step's record changed. */
    static Job with(Job job, String step, UnaryOperator<StepRecord> change) {
        List<StepRecord> steps = new ArrayList<>(job.steps());
        int index = job.indexOf(step);
        steps.set(index, change.apply(steps.get(index)));
        return job.toBuilder().steps(steps).build();
    }

    static StepRecord completed(StepRecord step, long startSecond, long endSecond) {
        return step.start(at(startSecond)).complete(at(endSecond), Payload.empty(), List.of(), 0, 0, 0.0);
    }
}
