package dev.conveyor.archfixtures.violating.core;

import io.micrometer.core.instrument.Counter;

/** Breaks rule 3: Micrometer in the core, which must report through the engine-events port instead. */
public final class MeteredCore {

    void completed(Counter jobs) {
        jobs.increment();
    }
}
