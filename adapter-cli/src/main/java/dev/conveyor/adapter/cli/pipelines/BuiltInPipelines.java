package dev.conveyor.adapter.cli.pipelines;

import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.PipelineProvider;

import java.util.List;
import java.util.ServiceLoader;

/** The pipelines that come with the executable: every {@link PipelineProvider} on its class path. */
@FunctionalInterface
public interface BuiltInPipelines {

    List<PipelineDefinition> pipelines();

    static BuiltInPipelines onClassPath() {
        return () -> ServiceLoader.load(PipelineProvider.class, BuiltInPipelines.class.getClassLoader()).stream()
                .flatMap(provider -> provider.get().pipelines().stream())
                .toList();
    }

    static BuiltInPipelines of(List<PipelineDefinition> pipelines) {
        List<PipelineDefinition> copy = List.copyOf(pipelines);
        return () -> copy;
    }
}
