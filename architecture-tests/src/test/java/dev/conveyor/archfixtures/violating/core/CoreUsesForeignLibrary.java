package dev.conveyor.archfixtures.violating.core;

import org.junit.jupiter.api.Assertions;

/** Breaks rule 2: a library the core was not given (JUnit stands in for, say, Jackson). */
public final class CoreUsesForeignLibrary {

    void check(Object value) {
        Assertions.assertNotNull(value);
    }
}
