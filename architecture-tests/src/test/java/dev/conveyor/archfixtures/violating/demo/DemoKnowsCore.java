package dev.conveyor.archfixtures.violating.demo;

import dev.conveyor.archfixtures.violating.core.Engine;

/** Breaks rule 5c: the demo pipelines using the core rather than the ports. */
public record DemoKnowsCore(Engine engine) {
}
