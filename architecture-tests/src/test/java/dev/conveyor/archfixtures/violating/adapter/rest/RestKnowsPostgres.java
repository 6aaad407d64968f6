package dev.conveyor.archfixtures.violating.adapter.rest;

import dev.conveyor.archfixtures.violating.adapter.postgres.PostgresStore;

/** Breaks rule 5a and the onion: one adapter using another outside a composition root. */
public record RestKnowsPostgres(PostgresStore store) {
}
