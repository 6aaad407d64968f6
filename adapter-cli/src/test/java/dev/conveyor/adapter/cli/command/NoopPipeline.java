package dev.conveyor.adapter.cli.command;

import dev.conveyor.pipeline.PipelineDefinition;

/** A Java pipeline whose steps do nothing: what the CLI adds on top of the engine, measured alone. */
public final class NoopPipeline {

    private NoopPipeline() {
    }

    public static PipelineDefinition threeSteps(String name) {
        return PipelineDefinition.named(name)
                .step("first", context -> { })
                .step("second", context -> { })
                .step("third", context -> { })
                .build();
    }
}
