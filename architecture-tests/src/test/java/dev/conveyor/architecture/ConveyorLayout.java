package dev.conveyor.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;

import java.util.Arrays;
import java.util.Objects;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;

/**
 * Conveyor's package map under one root package: the real code lives under {@code dev.conveyor}, the
 * rule fixtures under {@code dev.conveyor.archfixtures.*}, laid out the same way.
 */
record ConveyorLayout(String root) {

    /**
     * Technologies that belong in adapters only: JAX-RS, Jersey/Grizzly, Jackson, jOOQ, JDBC, Flyway, pools, CLI,
     * meters (Micrometer, the Prometheus client, the JDK's HTTP server).
     */
    static final String[] ADAPTER_TECHNOLOGY = {
            "jakarta..", "javax.ws..", "org.glassfish..", "com.fasterxml..", "org.jooq..", "java.sql..",
            "javax.sql..", "org.flywaydb..", "com.zaxxer..", "org.postgresql..", "picocli..", "me.tongfei..",
            "io.micrometer..", "io.prometheus..", "com.sun.net.httpserver.."};

    /** The libraries the core may use besides the JDK (DESIGN.md: resilience4j-retry and slf4j-api). */
    static final String[] CORE_LIBRARIES = {"io.github.resilience4j..", "org.slf4j.."};

    /** What the REST adapter must never touch: the database goes through an outbound port. */
    static final String[] DATABASE_ACCESS = {"org.jooq..", "java.sql.."};

    ConveyorLayout {
        Objects.requireNonNull(root, "root must not be null");
        if (root.isBlank() || root.contains("..")) {
            throw new IllegalArgumentException("root must be a package name such as dev.conveyor, got '" + root + "'");
        }
    }

    String model() {
        return root + ".model..";
    }

    String pipeline() {
        return root + ".pipeline..";
    }

    String port() {
        return root + ".port..";
    }

    /** The pipeline-ports module: model, pipeline definitions with the Step SPI, inbound and outbound ports. */
    String[] ports() {
        return new String[] {model(), pipeline(), port()};
    }

    String core() {
        return root + ".core..";
    }

    /** Every adapter, present and future: {@code <root>.adapter.<technology>..}. */
    String adapters() {
        return root + ".adapter..";
    }

    String adapter(String technology) {
        return root + ".adapter." + technology + "..";
    }

    /** The shared demo pipelines: plugged into executables like an adapter, written against the ports only. */
    String demo() {
        return root + ".demo..";
    }

    /**
     * A class that wires one executable by hand: its simple name ends with {@code Main} and it lives in an
     * adapter; or, in a Spring application, the starter's {@code *AutoConfiguration}, which Spring calls. Its
     * nested classes belong to it.
     */
    DescribedPredicate<JavaClass> compositionRoot() {
        return belongTo(resideInAPackage(adapters())
                .and(simpleNameEndingWith("Main").or(simpleNameEndingWith("AutoConfiguration"))))
                .as("belong to a composition root (a *Main or *AutoConfiguration class in " + adapters() + ")");
    }

    /** Spring: the starter's technology, and no other module's. */
    static final String SPRING = "org.springframework..";

    static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
