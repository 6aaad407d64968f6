package dev.conveyor.archfixtures.violating.adapter.cli;

import dev.conveyor.archfixtures.violating.demo.DemoSteps;

/** Breaks rule 5a and the onion: only a composition root may pick the demo pipelines. */
public record CliKnowsDemo(DemoSteps steps) {
}
