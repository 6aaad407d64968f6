package dev.conveyor.archfixtures.violating.adapter.cli;

import dev.conveyor.archfixtures.violating.adapter.rest.ServerMain;

/** Breaks rule 6: depends on a composition root (its own name must not end with Main, or it would be one). */
public final class CliCallsTheServerRoot {

    String version() {
        return ServerMain.version();
    }
}
