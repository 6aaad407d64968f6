package dev.conveyor.adapter.cli.engine;

import java.util.Objects;

/** Where jobs live for one command: in this process's memory, or in a shared PostgreSQL. */
public sealed interface StoreChoice {

    /** The embedded default: jobs vanish when the process ends. */
    record InMemory() implements StoreChoice {
    }

    /** A shared database many processes work from, given as a JDBC URL. */
    record Database(String url) implements StoreChoice {
        public Database {
            Objects.requireNonNull(url, "database url must not be null");
        }

        @Override
        public String toString() {
            int query = url.indexOf('?');
            return query < 0 ? url : url.substring(0, query);
        }
    }

    default boolean isShared() {
        return this instanceof Database;
    }
}
