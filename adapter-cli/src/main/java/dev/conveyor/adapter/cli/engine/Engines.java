package dev.conveyor.adapter.cli.engine;

/**
 * Starts engines: the one thing commands need from the composition root, which alone knows the core and the
 * store adapters.
 */
@FunctionalInterface
public interface Engines {

    /**
     * @throws dev.conveyor.adapter.cli.terminal.CliException when the store cannot be reached or is not built in
     */
    Engine start(EngineSpec spec);
}
