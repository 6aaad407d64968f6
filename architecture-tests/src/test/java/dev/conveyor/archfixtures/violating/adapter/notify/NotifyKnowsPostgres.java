package dev.conveyor.archfixtures.violating.adapter.notify;

import dev.conveyor.archfixtures.violating.adapter.postgres.PostgresStore;

/** Breaks rule 5a and the onion: the notification adapter reading the database adapter directly. */
public record NotifyKnowsPostgres(PostgresStore store) {
}
