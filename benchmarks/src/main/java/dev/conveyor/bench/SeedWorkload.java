package dev.conveyor.bench;

import dev.conveyor.pipeline.Estimate;
import dev.conveyor.pipeline.PipelineDefinition;

import java.time.Duration;

/**
 * The reference pipeline's five steps with their definitions' fixed estimates: extract (25, ~5 s per file), classify (25, ~3 s per
 * 20 items), review (10, a gate the study's jobs skip), validate (20, ~1 s), generate (20, ~2 s).
 */
final class SeedWorkload {

    static final String EXTRACT = "extract";
    static final String CLASSIFY = "classify";
    static final String REVIEW = "review";
    static final String VALIDATE = "validate";
    static final String GENERATE = "generate";

    static final PipelineDefinition PIPELINE = PipelineDefinition.named("cma")
            .step(EXTRACT, 25, Estimate.perUnit(Duration.ofSeconds(5), 1, "files"), context -> { })
            .step(CLASSIFY, 25, Estimate.perUnit(Duration.ofSeconds(3), 20, "items"), context -> { })
            .reviewGate(REVIEW, 10)
            .step(VALIDATE, 20, Estimate.fixed(Duration.ofSeconds(1)), context -> { })
            .step(GENERATE, 20, Estimate.fixed(Duration.ofSeconds(2)), context -> { })
            .build();

    private SeedWorkload() {
    }
}
