package dev.conveyor.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * A small but complete Conveyor-shaped code base, every layer present and composition roots wiring core,
 * adapters and demo: every rule passes on it, so none is over-eager. The allowances for missing layers are
 * switched off here, so each rule must also find the classes it is about.
 */
class ConformingFixturesTest {

    private static final String ROOT = "dev.conveyor.archfixtures.conforming";
    private static final JavaClasses CLASSES = new ClassFileImporter().importPackages(ROOT);

    static Stream<Arguments> rules() {
        return Stream.of(
                arguments("portsDependOnJdkOnly", ConveyorRules.portsDependOnJdkOnly(ROOT)),
                arguments("coreDependsOnlyOnPortsAndItsLibraries", ConveyorRules.coreDependsOnlyOnPortsAndItsLibraries(ROOT)),
                arguments("coreAndPortsUseNoAdapterTechnology", ConveyorRules.coreAndPortsUseNoAdapterTechnology(ROOT)),
                arguments("topLevelPackagesAreFreeOfCycles", ConveyorRules.topLevelPackagesAreFreeOfCycles(ROOT)),
                arguments("corePackagesAreFreeOfCycles", ConveyorRules.corePackagesAreFreeOfCycles(ROOT)),
                arguments("adaptersDoNotDependOnEachOther", ConveyorRules.adaptersDoNotDependOnEachOther(ROOT)),
                arguments("onlyCompositionRootsDependOnCore", ConveyorRules.onlyCompositionRootsDependOnCore(ROOT)),
                arguments("demoPipelinesDependOnPortsOnly", ConveyorRules.demoPipelinesDependOnPortsOnly(ROOT)),
                arguments("nothingDependsOnACompositionRoot", ConveyorRules.nothingDependsOnACompositionRoot(ROOT)),
                arguments("restNeverTouchesJooqOrJdbc", ConveyorRules.restNeverTouchesJooqOrJdbc(ROOT)),
                arguments("springLivesInItsStarterOnly", ConveyorRules.springLivesInItsStarterOnly(ROOT)),
                arguments("layersDependInwardOnly", ConveyorRules.layersDependInwardOnlyWithEveryLayerPresent(ROOT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void ruleHoldsOnCodeThatFollowsTheDesignAndFindsTheClassesItIsAbout(String name, ArchRule rule) {
        rule.allowEmptyShould(false).check(CLASSES);
    }

    /** Proves the test above means "found classes": with nothing imported, the same strict rule fails. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void ruleWithoutTheAllowanceFailsWhenItFindsNoClasses(String name, ArchRule rule) {
        JavaClasses nothing = new ClassFileImporter().importPackages(ROOT + ".nosuchpackage");

        assertThrows(AssertionError.class, () -> rule.allowEmptyShould(false).check(nothing));
    }
}
