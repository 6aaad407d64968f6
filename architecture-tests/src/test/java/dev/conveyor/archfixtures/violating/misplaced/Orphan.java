package dev.conveyor.archfixtures.violating.misplaced;

/** Breaks the onion's completeness: a class outside every ring of the package map. */
public final class Orphan {
}
