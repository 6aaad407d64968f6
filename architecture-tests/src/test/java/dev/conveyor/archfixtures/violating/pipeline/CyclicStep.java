package dev.conveyor.archfixtures.violating.pipeline;

import dev.conveyor.archfixtures.violating.model.CyclicModel;

public interface CyclicStep {

    CyclicModel model();
}
