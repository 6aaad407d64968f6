package dev.conveyor.core.store;

import dev.conveyor.port.out.StepTimings;

class InMemoryStepTimingsTest extends StepTimingsContract {

    @Override
    protected StepTimings createTimings() {
        return new InMemoryStepTimings();
    }
}
