package dev.conveyor.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Holds the layering of DESIGN.md over the production classes of every module on this module's test class
 * path; an adapter is covered as soon as it is added here as a test dependency.
 */
@AnalyzeClasses(packages = ConveyorArchitectureTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ConveyorArchitectureTest {

    static final String ROOT = "dev.conveyor";

    @ArchTest
    static final ArchRule portsDependOnJdkOnly = ConveyorRules.portsDependOnJdkOnly(ROOT);

    @ArchTest
    static final ArchRule coreDependsOnlyOnPortsAndItsLibraries = ConveyorRules.coreDependsOnlyOnPortsAndItsLibraries(ROOT);

    @ArchTest
    static final ArchRule coreAndPortsUseNoAdapterTechnology = ConveyorRules.coreAndPortsUseNoAdapterTechnology(ROOT);

    @ArchTest
    static final ArchRule topLevelPackagesAreFreeOfCycles = ConveyorRules.topLevelPackagesAreFreeOfCycles(ROOT);

    @ArchTest
    static final ArchRule corePackagesAreFreeOfCycles = ConveyorRules.corePackagesAreFreeOfCycles(ROOT);

    @ArchTest
    static final ArchRule adaptersDoNotDependOnEachOther = ConveyorRules.adaptersDoNotDependOnEachOther(ROOT);

    @ArchTest
    static final ArchRule onlyCompositionRootsDependOnCore = ConveyorRules.onlyCompositionRootsDependOnCore(ROOT);

    @ArchTest
    static final ArchRule demoPipelinesDependOnPortsOnly = ConveyorRules.demoPipelinesDependOnPortsOnly(ROOT);

    @ArchTest
    static final ArchRule nothingDependsOnACompositionRoot = ConveyorRules.nothingDependsOnACompositionRoot(ROOT);

    @ArchTest
    static final ArchRule restNeverTouchesJooqOrJdbc = ConveyorRules.restNeverTouchesJooqOrJdbc(ROOT);

    @ArchTest
    static final ArchRule springLivesInItsStarterOnly = ConveyorRules.springLivesInItsStarterOnly(ROOT);

    @ArchTest
    static final ArchRule layersDependInwardOnly = ConveyorRules.layersDependInwardOnly(ROOT);

    /** An import that found nothing would make every rule above pass; the ports are always there. */
    @ArchTest
    static void theRulesSeeThePortsModule(JavaClasses classes) {
        String[] ports = new ConveyorLayout(ROOT).ports();
        int found = classes.that(resideInAnyPackage(ports)).size();
        assertTrue(found > 20, "expected the ports module's classes in " + String.join(", ", ports) + ", found " + found);
        for (String pkg : new String[] {"model", "pipeline", "port.in", "port.out"}) {
            assertTrue(classes.containPackage(ROOT + "." + pkg), "no classes imported from " + ROOT + "." + pkg);
        }
    }

    /** The rule tests' fixtures live under dev.conveyor too; they must never reach the real check. */
    @ArchTest
    static void theRulesSeeNoTestFixtures(JavaClasses classes) {
        assertTrue(classes.that(resideInAPackage(ROOT + ".archfixtures..")).isEmpty(),
                "test fixtures were imported with the production classes");
    }
}
