package dev.conveyor.archfixtures.violating.demo;

public final class DemoSteps {
}
