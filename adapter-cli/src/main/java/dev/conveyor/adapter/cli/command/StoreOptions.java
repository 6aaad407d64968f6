package dev.conveyor.adapter.cli.command;

import dev.conveyor.adapter.cli.engine.StoreChoice;
import dev.conveyor.adapter.cli.terminal.CliException;
import dev.conveyor.adapter.cli.terminal.Terminal;
import dev.conveyor.model.TenantId;
import picocli.CommandLine.Option;

import java.util.Optional;

/** Where jobs live ({@code --db}, else {@code CONVEYOR_DB_URL}, else memory) and whose they are ({@code --tenant}). */
final class StoreOptions {

    static final String DB_ENV = "CONVEYOR_DB_URL";

    @Option(names = "--db", paramLabel = "URL",
            description = "Shared store: a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db?user=…). "
                    + "Default: $" + DB_ENV + ", else in memory.")
    private String db;

    @Option(names = "--tenant", paramLabel = "NAME", defaultValue = "cli",
            description = "Whose jobs these are; every read and write is scoped by it. Default: ${DEFAULT-VALUE}.")
    private String tenant;

    StoreChoice store(Terminal terminal) {
        Optional<String> url = Optional.ofNullable(db).filter(s -> !s.isBlank()).or(() -> terminal.env(DB_ENV));
        if (url.isEmpty()) {
            return new StoreChoice.InMemory();
        }
        if (!url.get().startsWith("jdbc:postgresql:")) {
            throw new CliException("--db must be a PostgreSQL JDBC URL such as jdbc:postgresql://localhost:5432/conveyor, "
                    + "got '" + url.get() + "'");
        }
        return new StoreChoice.Database(url.get());
    }

    /** The shared store, for commands that make no sense on jobs that vanish with the process. */
    StoreChoice sharedStore(Terminal terminal, String command) {
        StoreChoice store = store(terminal);
        if (!store.isShared()) {
            throw new CliException("'conveyor " + command + "' works on a shared store: pass --db "
                    + "jdbc:postgresql://… or set " + DB_ENV);
        }
        return store;
    }

    TenantId tenant() {
        try {
            return TenantId.of(tenant);
        } catch (IllegalArgumentException e) {
            throw new CliException("--tenant: " + e.getMessage());
        }
    }
}
