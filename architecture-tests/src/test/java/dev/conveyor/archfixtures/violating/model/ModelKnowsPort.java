package dev.conveyor.archfixtures.violating.model;

import dev.conveyor.archfixtures.violating.port.in.UseCase;

/** Breaks the onion: the domain model reaching out to the ports around it. */
public record ModelKnowsPort(UseCase useCase) {
}
