package dev.conveyor.archfixtures.violating.core;

import dev.conveyor.archfixtures.violating.adapter.postgres.PostgresStore;

/** Breaks rule 2 and the onion: the core reaching out to an adapter. */
public record CoreKnowsAdapter(PostgresStore store) {
}
