package dev.conveyor.archfixtures.violating.adapter.rest;

import dev.conveyor.archfixtures.violating.core.Engine;

/** Breaks rule 5b: a resource calling the core's implementation instead of an inbound port. */
public record RestKnowsCore(Engine engine) {
}
