package dev.conveyor.adapter.cli.command;

import dev.conveyor.adapter.cli.terminal.CliException;
import dev.conveyor.adapter.cli.terminal.Terminal;
import dev.conveyor.model.DurationText;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Optional;

/**
 * The engine options of the commands that run jobs: {@code --lease} (else {@code CONVEYOR_LEASE}, else the
 * command's own default) and {@code --ttl} (else {@code CONVEYOR_TTL}, else 24 h).
 */
final class EngineOptions {

    static final String LEASE_ENV = "CONVEYOR_LEASE";

    @Option(names = "--lease", paramLabel = "DURATION",
            description = "How long a job stays this process's without renewal; after a crash, another worker (or a "
                    + "re-run) resumes its jobs once this has passed. Default: $" + LEASE_ENV + ", else 10s (30s for "
                    + "worker).")
    private Duration lease;

    @Option(names = "--ttl", paramLabel = "DURATION",
            description = "How long finished jobs are kept before cleanup removes them (with their audit events). "
                    + "Default: $CONVEYOR_TTL, else 24h.")
    private Duration ttl;

    /** The lease: the option, else {@code CONVEYOR_LEASE}, else {@code otherwise}. */
    Duration lease(Terminal terminal, Duration otherwise) {
        if (lease != null) {
            return lease;
        }
        try {
            return terminal.env(LEASE_ENV).map(text -> DurationText.positive(LEASE_ENV, text)).orElse(otherwise);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    /** The TTL given on the command line; empty leaves it to {@code CONVEYOR_TTL} or the engine's default. */
    Optional<Duration> ttl() {
        return Optional.ofNullable(ttl);
    }
}
