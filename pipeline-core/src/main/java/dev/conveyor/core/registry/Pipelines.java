package dev.conveyor.core.registry;

import dev.conveyor.pipeline.PipelineDefinition;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The pipelines an engine knows, by name. Immutable once built. */
public final class Pipelines {

    private final Map<String, PipelineDefinition> byName;
    private final List<PipelineDefinition> ordered;

    public Pipelines(Collection<PipelineDefinition> pipelines) {
        Map<String, PipelineDefinition> map = new LinkedHashMap<>();
        for (PipelineDefinition pipeline : pipelines) {
            if (map.putIfAbsent(pipeline.name(), pipeline) != null) {
                throw new IllegalArgumentException("two pipelines are named '" + pipeline.name() + "'");
            }
        }
        this.byName = Map.copyOf(map);
        this.ordered = List.copyOf(map.values());
    }

    public Optional<PipelineDefinition> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<PipelineDefinition> all() {
        return ordered;
    }

    public Set<String> names() {
        return byName.keySet();
    }
}
