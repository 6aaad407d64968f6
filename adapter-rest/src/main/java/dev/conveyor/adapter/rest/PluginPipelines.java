package dev.conveyor.adapter.rest;

import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.PipelineProvider;

import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** The pipelines of every plugin jar on the class path, found with {@link ServiceLoader}. */
final class PluginPipelines {

    private PluginPipelines() {
    }

    static List<PipelineDefinition> load() {
        try {
            List<PipelineDefinition> pipelines = ServiceLoader.load(PipelineProvider.class).stream()
                    .flatMap(provider -> provider.get().pipelines().stream()).toList();
            if (pipelines.isEmpty()) {
                throw new IllegalStateException("no pipelines found: put a jar with a " + PipelineProvider.class.getName()
                        + " (such as pipeline-demo) on the class path");
            }
            return pipelines;
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("a pipeline plugin could not be loaded: " + e.getMessage(), e);
        }
    }
}
