package dev.conveyor.adapter.cli.command;

import dev.conveyor.adapter.cli.engine.Engines;
import dev.conveyor.adapter.cli.pipelines.BuiltInPipelines;
import dev.conveyor.adapter.cli.terminal.Terminal;

import java.util.Objects;

/** What every command works with: the terminal, a way to start engines, and the built-in pipelines. */
public record CliContext(Terminal terminal, Engines engines, BuiltInPipelines builtIns) {

    public CliContext {
        Objects.requireNonNull(terminal, "terminal must not be null");
        Objects.requireNonNull(engines, "engines must not be null");
        Objects.requireNonNull(builtIns, "builtIns must not be null");
    }
}
