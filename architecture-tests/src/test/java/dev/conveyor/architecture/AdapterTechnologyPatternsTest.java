package dev.conveyor.architecture;

import com.tngtech.archunit.core.domain.PackageMatcher;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Most adapter libraries are not on this module's class path, so no fixture can use them: instead, check
 * that each forbidden pattern matches the packages those libraries really use, and spares what core may use.
 */
class AdapterTechnologyPatternsTest {

    /** Real packages of the adapter stack (STACK.md), one or more per library. */
    private static final List<String> ADAPTER_LIBRARY_PACKAGES = List.of(
            "jakarta.ws.rs", "jakarta.ws.rs.core", "jakarta.mail", "jakarta.mail.internet", "javax.ws.rs", "org.glassfish.jersey.server",
            "org.glassfish.grizzly.http.server", "com.fasterxml.jackson.databind", "org.jooq", "org.jooq.impl",
            "java.sql", "javax.sql", "org.flywaydb.core", "org.flywaydb.core.api", "com.zaxxer.hikari",
            "org.postgresql", "org.postgresql.jdbc", "picocli", "me.tongfei.progressbar", "io.micrometer.core.instrument",
            "io.prometheus.metrics.model.registry", "com.sun.net.httpserver");

    private static final List<String> CORE_PACKAGES = List.of(
            "java.util", "java.time", "java.util.concurrent", "org.slf4j", "io.github.resilience4j.retry",
            "io.github.resilience4j.core.functions", "dev.conveyor.model", "dev.conveyor.core");

    @Test
    void everyAdapterLibraryPackageIsForbiddenInCoreAndPorts() {
        for (String pkg : ADAPTER_LIBRARY_PACKAGES) {
            assertTrue(matchesAny(ConveyorLayout.ADAPTER_TECHNOLOGY, pkg), pkg + " slips through");
        }
    }

    @Test
    void everyForbiddenPatternMatchesARealLibrary() {
        for (String pattern : ConveyorLayout.ADAPTER_TECHNOLOGY) {
            assertTrue(ADAPTER_LIBRARY_PACKAGES.stream().anyMatch(PackageMatcher.of(pattern)::matches),
                    pattern + " matches none of the adapter libraries' packages");
        }
    }

    @Test
    void whatTheCoreMayUseIsNotForbidden() {
        for (String pkg : CORE_PACKAGES) {
            assertFalse(matchesAny(ConveyorLayout.ADAPTER_TECHNOLOGY, pkg), pkg + " is wrongly forbidden");
        }
        for (String pkg : List.of("org.slf4j", "io.github.resilience4j.retry")) {
            assertTrue(matchesAny(ConveyorLayout.CORE_LIBRARIES, pkg), pkg + " is not allowed in core");
        }
    }

    @Test
    void restIsKeptFromJooqAndJdbcButNotFromItsOwnStack() {
        for (String pkg : List.of("org.jooq", "org.jooq.impl", "java.sql")) {
            assertTrue(matchesAny(ConveyorLayout.DATABASE_ACCESS, pkg), pkg + " slips through");
        }
        for (String pkg : List.of("jakarta.ws.rs", "com.fasterxml.jackson.databind", "org.glassfish.jersey.server")) {
            assertFalse(matchesAny(ConveyorLayout.DATABASE_ACCESS, pkg), pkg + " is wrongly forbidden");
        }
    }

    private static boolean matchesAny(String[] patterns, String pkg) {
        return Arrays.stream(patterns).anyMatch(pattern -> PackageMatcher.of(pattern).matches(pkg));
    }
}
