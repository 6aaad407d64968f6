package dev.conveyor.archfixtures.violating.model;

import dev.conveyor.archfixtures.violating.pipeline.CyclicStep;

/** With {@link CyclicStep}, breaks rule 4: model and pipeline depend on each other. */
public record CyclicModel(CyclicStep step) {
}
