package dev.conveyor.adapter.spring;

import dev.conveyor.adapter.spring.ConveyorAutoConfiguration.ConveyorStore;
import dev.conveyor.core.Conveyor;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.Estimate;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.in.SubmitJob;
import dev.conveyor.testing.postgres.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On the application's PostgreSQL database (the real one of the tests): Conveyor's store in a schema of its own,
 * and a job that outlives the context that was running it.
 */
class OnPostgresTest {

    private static final TenantId TENANT = TenantId.of("acme");
    private static final TestPostgres.Server DB = TestPostgres.server();
    /**
     * How long a closing context waits for running steps, and then for the stopped ones to hand their jobs back:
     * the hand-back is two store calls, which take far longer than a few milliseconds on a loaded machine.
     */
    private static final String SHUTDOWN_GRACE = "3s";

    private final String schema = ("spring_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);

    /** Two steps: the first counts its runs, the second holds until released, reaching a checkpoint often. */
    static final AtomicInteger firstStepRuns = new AtomicInteger();
    static final AtomicBoolean released = new AtomicBoolean();
    /** Counted down by the second step; a new latch for each test, so no test sees another's step start. */
    static volatile CountDownLatch secondStepStarted = new CountDownLatch(1);

    @Configuration(proxyBeanMethods = false)
    static class TwoSteps {
        @Bean
        PipelineDefinition twoSteps() {
            return PipelineDefinition.named("two-steps")
                    .step("first", 50, Estimate.fixed(Duration.ofMillis(1)), ctx -> {
                        firstStepRuns.incrementAndGet();
                        ctx.put("done", true);
                    })
                    .step("second", 50, Estimate.fixed(Duration.ofMillis(1)), ctx -> {
                        secondStepStarted.countDown();
                        while (!released.get()) {
                            ctx.checkpoint();
                            Thread.sleep(5);
                        }
                    })
                    .build();
        }
    }

    private ApplicationContextRunner application() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, ConveyorAutoConfiguration.class))
                .withUserConfiguration(TwoSteps.class)
                .withPropertyValues("spring.datasource.url=" + DB.url(), "spring.datasource.username=" + DB.user(),
                        "spring.datasource.password=" + DB.password(), "conveyor.postgres.schema=" + schema,
                        "conveyor.postgres.pool-size=3", "conveyor.workers=1", "conveyor.shutdown-grace=" + SHUTDOWN_GRACE,
                        "conveyor.poll-interval=100ms");
    }

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection connection = DriverManager.getConnection(DB.url(), DB.user(), DB.password());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void aPostgresqlDataSourceGetsTheStoreInConveyorsOwnSchemaAndHistoryTable() {
        released.set(true);
        secondStepStarted = new CountDownLatch(1);
        application().run(context -> {
            ConveyorStore store = context.getBean(ConveyorStore.class);
            assertInstanceOf(ConveyorStore.OnPostgres.class, store);
            assertEquals("postgresql, schema " + schema, store.describe());

            Conveyor conveyor = context.getBean(Conveyor.class);
            Job job = conveyor.submit(SubmitJob.startNow(TENANT, "two-steps", Payload.of("document", "a.pdf"))).orElseThrow();
            assertEquals(JobStatus.COMPLETED, conveyor.await(TENANT, job.id(), Duration.ofSeconds(20)).orElseThrow().status());

            assertEquals(1, count("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema
                    + "' AND table_name = 'conveyor_schema_history'"), "Conveyor's Flyway history lives in its schema");
            assertEquals(0, count("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema
                    + "' AND table_name = 'flyway_schema_history'"), "and is not the application's history table");
        });
    }

    @Test
    void aContextClosedMidJobHandsItBackAndTheNextContextResumesItAtItsStep() throws Exception {
        released.set(false);
        firstStepRuns.set(0);
        secondStepStarted = new CountDownLatch(1);
        JobId[] id = new JobId[1];
        application().run(context -> {
            Conveyor conveyor = context.getBean(Conveyor.class);
            id[0] = conveyor.submit(SubmitJob.startNow(TENANT, "two-steps", Payload.of("document", "a.pdf"))).orElseThrow().id();
            assertTrue(secondStepStarted.await(20, TimeUnit.SECONDS), "the second step never started");
        }); // the context closes here, with the second step still running

        JobId jobId = id[0];
        released.set(true);
        application().run(context -> {
            Conveyor conveyor = context.getBean(Conveyor.class);
            Job done = conveyor.await(TENANT, jobId, Duration.ofSeconds(30)).orElseThrow();

            assertEquals(JobStatus.COMPLETED, done.status());
            assertEquals(1, firstStepRuns.get(), "the first step ran once: the job resumed at its second step");
            assertTrue(done.step("first").orElseThrow().output().getBoolean("done", false));
        });
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(DB.url(), DB.user(), DB.password());
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
