package dev.conveyor.architecture;

import com.tngtech.archunit.lang.ArchRule;

import java.util.Set;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.base.DescribedPredicate.doNot;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static dev.conveyor.architecture.ConveyorLayout.concat;

/**
 * The layering of DESIGN.md as ArchUnit rules, each built for a root package: {@code dev.conveyor} for the
 * real code, a fixture root in the tests that prove every rule reports what it should.
 *
 * <p>Rules about layers that do not exist yet (adapters, demo pipelines, composition roots) allow an empty
 * {@code should}; the fixture tests check them with that allowance switched off.
 */
final class ConveyorRules {

    private ConveyorRules() {
    }

    /** Rule 1: the ports module is the JDK plus itself. */
    static ArchRule portsDependOnJdkOnly(String root) {
        ConveyorLayout layout = new ConveyorLayout(root);
        return classes().that().resideInAnyPackage(layout.ports())
                .should().onlyDependOnClassesThat().resideInAnyPackage(concat(layout.ports(), "java.."))
                .because("the ports are the public model every user and adapter compiles against; "
                        + "a library there would be forced on all of them");
    }

    /** Rule 2: the core uses the ports, resilience4j, slf4j and the JDK, nothing else. */
    static ArchRule coreDependsOnlyOnPortsAndItsLibraries(String root) {
        ConveyorLayout layout = new ConveyorLayout(root);
        String[] allowed = concat(concat(layout.ports(), layout.core(), "java.."), ConveyorLayout.CORE_LIBRARIES);
        return classes().that().resideInAPackage(layout.core())
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed)
                .because("the engine is a library users embed: it may know the ports, resilience4j-retry and "
                        + "slf4j-api, never an adapter or its technology");
    }

    /** Rule 3: no adapter technology (web, JSON, SQL, migrations, pools, CLI) in core or ports. */
    static ArchRule coreAndPortsUseNoAdapterTechnology(String root) {
        ConveyorLayout layout = new ConveyorLayout(root);
        return noClasses().that().resideInAnyPackage(concat(layout.ports(), layout.core()))
                .should().dependOnClassesThat().resideInAnyPackage(ConveyorLayout.ADAPTER_TECHNOLOGY)
                .because("dependencies point inward: HTTP, JSON, SQL and the command line are adapters' "
                        + "business, so the core runs unchanged with an in-memory store or PostgreSQL");
    }

    /** Rule 4a: the top-level packages (model, pipeline, port, core, adapter, demo) form no cycle. */
    static ArchRule topLevelPackagesAreFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").namingSlices("$1")
                .should().beFreeOfCycles()
                .because("a cycle between layers means neither can be understood, built or replaced alone");
    }

    /** Rule 4b: the core's subpackages form no cycle. */
    static ArchRule corePackagesAreFreeOfCycles(String root) {
        return slices().matching(root + ".core.(*)..").namingSlices("core.$1")
                .should().beFreeOfCycles()
                .because("the engine's concerns (retry, progress, ETA, workers...) should stack, "
                        + "so each can be read and tested on its own");
    }

    /** Rule 5a: an adapter (or the demo pipelines) knows no other adapter; composition roots wire them. */
    static ArchRule adaptersDoNotDependOnEachOther(String root) {
        ConveyorLayout layout = new ConveyorLayout(root);
        return slices().assignedFrom(new AdapterSlices(layout))
                .should().notDependOnEachOther()
                .ignoreDependency(layout.compositionRoot(), alwaysTrue())
                .because("each adapter talks to the ports only, so any one can be dropped or replaced; "
                        + "only a composition root knows several of them")
                .allowEmptyShould(true);
    }

    /** Rule 5b: the core is reached through the inbound ports, except by the class that builds it. */
    static ArchRule onlyCompositionRootsDependOnCore(String root) {
        ConveyorLayout layout = new ConveyorLayout(root);
        return noClasses().that().resideOutsideOfPackage(layout.core()).and(doNot(layout.compositionRoot()))
                .should().dependOnClassesThat().resideInAPackage(layout.core())
                .because("adapters call the inbound ports; the composition root alone chooses the "
                        + "implementation, by hand, with plain new");
    }

    /** Rule 5c: the demo pipelines are written as any library user would, against the ports only. */
    static ArchRule demoPipelinesDependOnPortsOnly(String root) {
        ConveyorLayout layout = new ConveyorLayout(root);
        return classes().that().resideInAPackage(layout.demo())
                .should().onlyDependOnClassesThat().resideInAnyPackage(concat(layout.ports(), layout.demo(), "java.."))
                .because("the demo pipelines show how users write steps: with the Step SPI and the model only")
                .allowEmptyShould(true);
    }

    /** Rule 6: composition roots sit at the very top; nothing calls them. */
    static ArchRule nothingDependsOnACompositionRoot(String root) {
        ConveyorLayout layout = new ConveyorLayout(root);
        return noClasses().that(doNot(layout.compositionRoot()))
                .should().dependOnClassesThat(layout.compositionRoot())
                .because("a composition root wires one executable; depending on it drags in every adapter "
                        + "and the whole object graph");
    }

    /** Rule 7: REST resources reach the database through outbound ports, never with jOOQ or JDBC. */
    static ArchRule restNeverTouchesJooqOrJdbc(String root) {
        ConveyorLayout layout = new ConveyorLayout(root);
        return noClasses().that().resideInAPackage(layout.adapter("rest"))
                .should().dependOnClassesThat().resideInAnyPackage(ConveyorLayout.DATABASE_ACCESS)
                .because("the HTTP layer must not know how jobs are stored: SQL and jOOQ records stay in "
                        + "adapter-postgres, behind the JobStore port")
                .allowEmptyShould(true);
    }

    /** Rule 7b: Spring lives in the starter (adapter.spring) alone; the library never needs a container. */
    static ArchRule springLivesInItsStarterOnly(String root) {
        ConveyorLayout layout = new ConveyorLayout(root);
        return noClasses().that().resideOutsideOfPackage(layout.adapter("spring"))
                .should().dependOnClassesThat().resideInAPackage(ConveyorLayout.SPRING)
                .because("Conveyor is wired by hand; a Spring application gets it through the starter, an adapter "
                        + "that depends on the core and the other adapters and never the reverse");
    }

    /**
     * Rule 8, the big picture, with the layers not built yet allowed to be empty: {@link Layers#NOT_YET_BUILT}.
     */
    static ArchRule layersDependInwardOnly(String root) {
        return Layers.dependingInwardOnly(new ConveyorLayout(root), Layers.NOT_YET_BUILT).because(INWARD);
    }

    /** Rule 8 with every layer required to have classes, for code where all of them exist. */
    static ArchRule layersDependInwardOnlyWithEveryLayerPresent(String root) {
        return Layers.dependingInwardOnly(new ConveyorLayout(root), Set.of()).because(INWARD);
    }

    private static final String INWARD = "dependencies point inward only: adapters -> ports <- core, and only "
            + "a composition root sees it all (DESIGN.md)";
}
