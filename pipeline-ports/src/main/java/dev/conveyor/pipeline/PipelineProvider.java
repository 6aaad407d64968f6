package dev.conveyor.pipeline;

import java.util.List;

/**
 * Pipelines a plugin jar contributes. Executables find providers with {@link java.util.ServiceLoader}: a jar
 * names its implementation in {@code META-INF/services/dev.conveyor.pipeline.PipelineProvider}.
 */
public interface PipelineProvider {

    List<PipelineDefinition> pipelines();
}
