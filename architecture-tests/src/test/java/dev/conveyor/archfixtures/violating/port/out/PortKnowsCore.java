package dev.conveyor.archfixtures.violating.port.out;

import dev.conveyor.archfixtures.violating.core.Engine;

/** Breaks rule 1 (and 5b): a port tied to the core's implementation. */
public interface PortKnowsCore {

    Engine engine();
}
