package dev.conveyor.demo;

import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.PipelineProvider;

import java.util.List;

/** Offers the {@code demo} pipeline to any executable that loads pipelines with {@link java.util.ServiceLoader}. */
public final class DemoPipelineProvider implements PipelineProvider {

    private final PipelineDefinition demo = DemoPipeline.definition();

    @Override
    public List<PipelineDefinition> pipelines() {
        return List.of(demo);
    }
}
