package dev.conveyor.archfixtures.violating.port.in;

public interface UseCase {

    void run();
}
