package dev.conveyor.archfixtures.violating.adapter.metrics;

import dev.conveyor.archfixtures.violating.adapter.rest.SqlResource;

/** Breaks rule 5a: the metrics adapter reaching into the REST adapter instead of being wired by a composition root. */
public record MetricsKnowsRest(SqlResource resource) {
}
