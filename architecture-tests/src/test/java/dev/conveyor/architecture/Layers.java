package dev.conveyor.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

import java.util.Set;

import static com.tngtech.archunit.base.DescribedPredicate.doNot;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * DESIGN.md's rings as one layered architecture: the domain model (model and pipeline definitions) at the
 * centre; around it the application services (ports, and the core behind them); outside, the adapters and
 * demo pipelines, each on its own; on top, the composition roots, the only classes that see everything.
 */
final class Layers {

    static final String MODEL = "Model";
    static final String PORTS = "Ports";
    static final String CORE = "Core";
    static final String REST = "REST adapter";
    static final String POSTGRES = "PostgreSQL adapter";
    static final String CLI = "CLI adapter";
    static final String NOTIFY = "Notification adapter";
    static final String SPRING = "Spring starter";
    static final String METRICS = "Metrics adapter";
    static final String DEMO = "Demo pipelines";
    static final String ROOTS = "Composition roots";

    /**
     * Layers with no classes on main yet, allowed to be empty. Remove a name once its module is on this
     * module's test class path, so an import that silently loses it fails.
     */
    static final Set<String> NOT_YET_BUILT = Set.of();

    private Layers() {
    }

    static LayeredArchitecture dependingInwardOnly(ConveyorLayout layout, Set<String> optional) {
        DescribedPredicate<JavaClass> root = layout.compositionRoot();
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        layers = define(layers, optional, MODEL, resideInAnyPackage(layout.model(), layout.pipeline()));
        layers = define(layers, optional, PORTS, resideInAPackage(layout.port()));
        layers = define(layers, optional, CORE, resideInAPackage(layout.core()));
        layers = define(layers, optional, REST, resideInAPackage(layout.adapter("rest")).and(doNot(root)));
        layers = define(layers, optional, POSTGRES, resideInAPackage(layout.adapter("postgres")).and(doNot(root)));
        layers = define(layers, optional, CLI, resideInAPackage(layout.adapter("cli")).and(doNot(root)));
        layers = define(layers, optional, NOTIFY, resideInAPackage(layout.adapter("notify")).and(doNot(root)));
        layers = define(layers, optional, SPRING, resideInAPackage(layout.adapter("spring")).and(doNot(root)));
        layers = define(layers, optional, METRICS, resideInAPackage(layout.adapter("metrics")).and(doNot(root)));
        layers = define(layers, optional, DEMO, resideInAPackage(layout.demo()));
        layers = define(layers, optional, ROOTS, root);
        return layers
                .whereLayer(MODEL).mayNotAccessAnyLayer()
                .whereLayer(PORTS).mayOnlyAccessLayers(MODEL)
                .whereLayer(CORE).mayOnlyAccessLayers(MODEL, PORTS)
                .whereLayer(REST).mayOnlyAccessLayers(MODEL, PORTS)
                .whereLayer(POSTGRES).mayOnlyAccessLayers(MODEL, PORTS)
                .whereLayer(CLI).mayOnlyAccessLayers(MODEL, PORTS)
                .whereLayer(NOTIFY).mayOnlyAccessLayers(MODEL, PORTS)
                .whereLayer(SPRING).mayOnlyAccessLayers(MODEL, PORTS)
                .whereLayer(METRICS).mayOnlyAccessLayers(MODEL, PORTS)
                .whereLayer(DEMO).mayOnlyAccessLayers(MODEL, PORTS)
                .whereLayer(ROOTS).mayNotBeAccessedByAnyLayer()
                .ensureAllClassesAreContainedInArchitecture();
    }

    private static LayeredArchitecture define(LayeredArchitecture layers, Set<String> optional, String name,
                                              DescribedPredicate<? super JavaClass> members) {
        return (optional.contains(name) ? layers.optionalLayer(name) : layers.layer(name)).definedBy(members);
    }
}
