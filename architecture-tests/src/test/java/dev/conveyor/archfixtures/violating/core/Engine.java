package dev.conveyor.archfixtures.violating.core;

import dev.conveyor.archfixtures.violating.port.in.UseCase;

public final class Engine implements UseCase {

    @Override
    public void run() {
    }
}
