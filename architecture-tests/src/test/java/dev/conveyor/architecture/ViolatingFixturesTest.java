package dev.conveyor.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.conveyor.archfixtures.violating.adapter.cli.CliKnowsDemo;
import dev.conveyor.archfixtures.violating.adapter.metrics.MetricsKnowsRest;
import dev.conveyor.archfixtures.violating.adapter.cli.CliCallsTheServerRoot;
import dev.conveyor.archfixtures.violating.adapter.notify.NotifyKnowsPostgres;
import dev.conveyor.archfixtures.violating.adapter.postgres.PostgresStore;
import dev.conveyor.archfixtures.violating.adapter.rest.RestUsesSpring;
import dev.conveyor.archfixtures.violating.adapter.rest.RestKnowsCore;
import dev.conveyor.archfixtures.violating.adapter.rest.RestKnowsPostgres;
import dev.conveyor.archfixtures.violating.adapter.rest.ServerMain;
import dev.conveyor.archfixtures.violating.adapter.rest.SqlResource;
import dev.conveyor.archfixtures.violating.core.CoreKnowsAdapter;
import dev.conveyor.archfixtures.violating.core.CoreUsesForeignLibrary;
import dev.conveyor.archfixtures.violating.core.Engine;
import dev.conveyor.archfixtures.violating.core.JdbcCore;
import dev.conveyor.archfixtures.violating.core.MeteredCore;
import dev.conveyor.archfixtures.violating.core.progress.ProgressMeter;
import dev.conveyor.archfixtures.violating.core.retry.RetryLoop;
import dev.conveyor.archfixtures.violating.demo.DemoKnowsCore;
import dev.conveyor.archfixtures.violating.demo.DemoSteps;
import dev.conveyor.archfixtures.violating.misplaced.Orphan;
import dev.conveyor.archfixtures.violating.model.CyclicModel;
import dev.conveyor.archfixtures.violating.model.JdbcModel;
import dev.conveyor.archfixtures.violating.model.LoggingModel;
import dev.conveyor.archfixtures.violating.model.ModelKnowsPort;
import dev.conveyor.archfixtures.violating.pipeline.CyclicStep;
import dev.conveyor.archfixtures.violating.port.in.UseCase;
import dev.conveyor.archfixtures.violating.port.out.DataSourcePort;
import dev.conveyor.archfixtures.violating.port.out.PortKnowsCore;
import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rule, fed classes that break it on purpose, fails and names the offender: no rule checks nothing. */
class ViolatingFixturesTest {

    private static final String ROOT = "dev.conveyor.archfixtures.violating";
    private static final JavaClasses CLASSES = new ClassFileImporter().importPackages(ROOT);

    @Test
    void portsUsingALibraryOrTheCoreAreReported() {
        String report = violationsOf(ConveyorRules.portsDependOnJdkOnly(ROOT));

        assertNames(report, LoggingModel.class, org.slf4j.Logger.class);
        assertNames(report, PortKnowsCore.class, Engine.class);
        assertFalse(report.contains(JdbcModel.class.getName()), "java.sql is JDK, left to rule 3");
    }

    @Test
    void coreUsingAnAdapterOrAnUnlistedLibraryIsReported() {
        String report = violationsOf(ConveyorRules.coreDependsOnlyOnPortsAndItsLibraries(ROOT));

        assertNames(report, CoreKnowsAdapter.class, PostgresStore.class);
        assertNames(report, CoreUsesForeignLibrary.class, org.junit.jupiter.api.Assertions.class);
    }

    @Test
    void jdbcInCoreOrPortsIsReported() {
        String report = violationsOf(ConveyorRules.coreAndPortsUseNoAdapterTechnology(ROOT));

        assertNames(report, JdbcCore.class, Connection.class);
        assertNames(report, JdbcModel.class, Connection.class);
        assertNames(report, DataSourcePort.class, DataSource.class);
        assertFalse(report.contains(PostgresStore.class.getName()), "adapters may use JDBC");
    }

    @Test
    void micrometerInCoreIsReported() {
        String report = violationsOf(ConveyorRules.coreAndPortsUseNoAdapterTechnology(ROOT));

        assertNames(report, MeteredCore.class, Counter.class);
    }

    @Test
    void aCycleBetweenTopLevelPackagesIsReported() {
        String report = violationsOf(ConveyorRules.topLevelPackagesAreFreeOfCycles(ROOT));

        assertNames(report, CyclicModel.class, CyclicStep.class);
    }

    @Test
    void aCycleBetweenCorePackagesIsReported() {
        String report = violationsOf(ConveyorRules.corePackagesAreFreeOfCycles(ROOT));

        assertNames(report, RetryLoop.class, ProgressMeter.class);
    }

    @Test
    void anAdapterUsingAnotherAdapterOrTheDemoIsReported() {
        String report = violationsOf(ConveyorRules.adaptersDoNotDependOnEachOther(ROOT));

        assertNames(report, RestKnowsPostgres.class, PostgresStore.class);
        assertNames(report, NotifyKnowsPostgres.class, PostgresStore.class);
        assertNames(report, CliKnowsDemo.class, DemoSteps.class);
        assertNames(report, MetricsKnowsRest.class, SqlResource.class);
    }

    @Test
    void anythingButACompositionRootUsingTheCoreIsReported() {
        String report = violationsOf(ConveyorRules.onlyCompositionRootsDependOnCore(ROOT));

        assertNames(report, RestKnowsCore.class, Engine.class);
        assertNames(report, DemoKnowsCore.class, Engine.class);
        assertNames(report, PortKnowsCore.class, Engine.class);
    }

    @Test
    void demoPipelinesUsingTheCoreAreReported() {
        String report = violationsOf(ConveyorRules.demoPipelinesDependOnPortsOnly(ROOT));

        assertNames(report, DemoKnowsCore.class, Engine.class);
    }

    @Test
    void dependingOnACompositionRootIsReported() {
        String report = violationsOf(ConveyorRules.nothingDependsOnACompositionRoot(ROOT));

        assertNames(report, CliCallsTheServerRoot.class, ServerMain.class);
    }

    @Test
    void aRestResourceUsingJdbcIsReported() {
        String report = violationsOf(ConveyorRules.restNeverTouchesJooqOrJdbc(ROOT));

        assertNames(report, SqlResource.class, ResultSet.class);
        assertFalse(report.contains(PostgresStore.class.getName()), "only the REST adapter is meant");
    }

    @Test
    void theLayersReportEveryOutwardDependencyAndClassesOutsideThem() {
        String report = violationsOf(ConveyorRules.layersDependInwardOnly(ROOT));

        assertNames(report, ModelKnowsPort.class, UseCase.class);
        assertNames(report, PortKnowsCore.class, Engine.class);
        assertNames(report, CoreKnowsAdapter.class, PostgresStore.class);
        assertNames(report, RestKnowsPostgres.class, PostgresStore.class);
        assertNames(report, NotifyKnowsPostgres.class, PostgresStore.class);
        assertNames(report, RestKnowsCore.class, Engine.class);
        assertNames(report, CliKnowsDemo.class, DemoSteps.class);
        assertNames(report, DemoKnowsCore.class, Engine.class);
        assertNames(report, CliCallsTheServerRoot.class, ServerMain.class);
        assertTrue(report.contains(Orphan.class.getName()), report);
    }

    @Test
    void springOutsideTheStarterIsReported() {
        String report = violationsOf(ConveyorRules.springLivesInItsStarterOnly(ROOT));

        assertNames(report, RestUsesSpring.class, org.springframework.context.annotation.Bean.class);
    }

    private static String violationsOf(ArchRule rule) {
        assertFalse(CLASSES.isEmpty(), "the violating fixtures were not imported");
        return assertThrows(AssertionError.class, () -> rule.check(CLASSES)).getMessage();
    }

    /** Some line of the report names both the offending class and what it must not depend on. */
    private static void assertNames(String report, Class<?> offender, Class<?> target) {
        assertTrue(report.lines().anyMatch(line -> line.contains(offender.getName()) && line.contains(target.getName())),
                () -> "expected a line naming " + offender.getName() + " and " + target.getName() + " in:\n" + report);
    }
}
