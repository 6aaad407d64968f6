package dev.conveyor.adapter.spring;

import dev.conveyor.adapter.spring.ConveyorAutoConfiguration.ConveyorStore;
import dev.conveyor.core.Conveyor;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.Estimate;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.PipelineProvider;
import dev.conveyor.port.in.SubmitJob;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which beans the autoconfiguration makes, by condition, and how the conveyor.* properties bind. */
class ConveyorAutoConfigurationTest {

    static final TenantId TENANT = TenantId.of("acme");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConveyorAutoConfiguration.class))
            .withPropertyValues("conveyor.workers=1");

    @Configuration(proxyBeanMethods = false)
    static class OnePipeline {
        @Bean
        PipelineDefinition greetings() {
            return PipelineDefinition.named("greetings")
                    .step("greet", 100, Estimate.fixed(Duration.ofMillis(1)), ctx -> ctx.put("greeting",
                            "hello " + ctx.input().getString("name", "?")))
                    .build();
        }
    }

    @Test
    void withoutADatabaseTheEngineRunsTheApplicationsPipelineInMemory() {
        runner.withUserConfiguration(OnePipeline.class).run(context -> {
            Conveyor conveyor = context.getBean(Conveyor.class);
            assertInstanceOf(ConveyorStore.InMemory.class, context.getBean(ConveyorStore.class));

            Job job = conveyor.submit(SubmitJob.startNow(TENANT, "greetings", Payload.of("name", "ada"))).orElseThrow();
            Job done = conveyor.await(TENANT, job.id(), Duration.ofSeconds(10)).orElseThrow();

            assertEquals(JobStatus.COMPLETED, done.status());
            assertEquals("hello ada", done.step("greet").orElseThrow().output().getString("greeting", ""));
        });
    }

    @Test
    void pipelinesComeFromDefinitionBeansAndProviderBeans() {
        runner.withUserConfiguration(OnePipeline.class)
                .withBean("more", PipelineProvider.class, () -> () -> List.of(PipelineDefinition.named("other")
                        .step("only", 100, Estimate.fixed(Duration.ofMillis(1)), ctx -> { }).build()))
                .run(context -> assertEquals(List.of("greetings", "other"),
                        context.getBean(Conveyor.class).pipelines().stream().map(PipelineDefinition::name).sorted().toList()));
    }

    @Test
    void withoutAnyPipelineStartUpFailsAndSaysWhatToDo() {
        runner.run(context -> {
            assertTrue(context.getStartupFailure() != null, "the context must not start");
            Throwable cause = context.getStartupFailure();
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            assertEquals("Conveyor found no pipeline: define a PipelineDefinition bean, or put a PipelineProvider "
                    + "on the class path (META-INF/services), or set conveyor.enabled=false", cause.getMessage());
        });
    }

    @Test
    void anEngineTheApplicationDefinesItselfIsKept() {
        runner.withUserConfiguration(OnePipeline.class)
                .withBean("mine", Conveyor.class, () -> Conveyor.builder().pipeline(new OnePipeline().greetings())
                        .workers(0).start(), definition -> definition.setDestroyMethodName("close"))
                .run(context -> {
                    assertEquals(1, context.getBeansOfType(Conveyor.class).size());
                    assertSame(context.getBean("mine"), context.getBean(Conveyor.class));
                });
    }

    @Test
    void disabledThereIsNoEngine() {
        runner.withUserConfiguration(OnePipeline.class).withPropertyValues("conveyor.enabled=false")
                .run(context -> assertFalse(context.containsBean("conveyor")));
    }

    @Test
    void everyBuilderOptionBindsFromConveyorProperties() {
        runner.withUserConfiguration(OnePipeline.class).withPropertyValues("conveyor.workers=3", "conveyor.lease=45s",
                "conveyor.poll-interval=500ms", "conveyor.progress-interval=100ms", "conveyor.ttl=2h",
                "conveyor.idle-ttl=14d", "conveyor.max-worker-losses=5", "conveyor.cleanup-interval=1m", "conveyor.shutdown-grace=3s", "conveyor.step-timeout=2m", "conveyor.store=memory",
                "conveyor.postgres.schema=jobs", "conveyor.postgres.pool-size=4").run(context -> {
                    ConveyorProperties properties = context.getBean(ConveyorProperties.class);

                    assertEquals(3, properties.workers());
                    assertEquals(Duration.ofSeconds(45), properties.lease());
                    assertEquals(Duration.ofMillis(500), properties.pollInterval());
                    assertEquals(Duration.ofMillis(100), properties.progressInterval());
                    assertEquals(Duration.ofHours(2), properties.ttl());
                    assertEquals(Duration.ofDays(14), properties.idleTtl());
                    assertEquals(5, properties.maxWorkerLosses());
                    assertEquals(Duration.ofMinutes(1), properties.cleanupInterval());
                    assertEquals(Duration.ofSeconds(3), properties.shutdownGrace());
                    assertEquals(Duration.ofMinutes(2), properties.stepTimeout());
                    assertEquals(ConveyorProperties.Store.MEMORY, properties.store());
                    assertEquals(new ConveyorProperties.Postgres("jobs", 4), properties.postgres());
                });
    }

    @Test
    void unsetPropertiesKeepTheEnginesDefaults() {
        runner.withUserConfiguration(OnePipeline.class).run(context -> {
            ConveyorProperties properties = context.getBean(ConveyorProperties.class);

            assertEquals(null, properties.lease());
            assertEquals(ConveyorProperties.Store.AUTO, properties.store());
            assertEquals(new ConveyorProperties.Postgres("conveyor", 10), properties.postgres());
        });
    }

    @Test
    void aBadPropertyStopsStartUpWithTheEnginesMessage() {
        runner.withUserConfiguration(OnePipeline.class).withPropertyValues("conveyor.lease=0s").run(context -> {
            Throwable cause = context.getStartupFailure();
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            assertEquals("leaseLength must be positive, got PT0S", cause.getMessage());
        });
    }

    @Test
    void aStoreOtherThanPostgresqlIsChosenByUrlAndByProperty() {
        ConveyorProperties auto = properties(ConveyorProperties.Store.AUTO);
        ConveyorProperties postgres = properties(ConveyorProperties.Store.POSTGRES);

        assertInstanceOf(ConveyorStore.InMemory.class,
                ConveyorAutoConfiguration.chooseStore(auto, "jdbc:h2:mem:app", "sa", ""));
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> ConveyorAutoConfiguration.chooseStore(postgres, "jdbc:h2:mem:app", "sa", ""));
        assertEquals("conveyor.store=postgres needs a PostgreSQL database, but the application's is jdbc:h2:mem:app",
                error.getMessage());
    }

    @Test
    void postgresWithoutADatabaseStopsStartUp() {
        runner.withUserConfiguration(OnePipeline.class).withPropertyValues("conveyor.store=postgres").run(context -> {
            Throwable cause = context.getStartupFailure();
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            assertEquals("conveyor.store=postgres needs the application's database (spring.datasource.url=jdbc:"
                    + "postgresql://…), and the application has none", cause.getMessage());
        });
    }

    @Test
    void theHealthIndicatorIsUpWhileTheStoreAnswersAndShowsTheLiveWorkers() {
        runner.withUserConfiguration(OnePipeline.class).withPropertyValues("conveyor.workers=2").run(context -> {
            Health health = context.getBean("conveyorHealthIndicator", HealthIndicator.class).health();

            assertEquals(Status.UP, health.getStatus());
            assertEquals(Map.of("store", "in-memory", "pipelines", List.of("greetings"), "workers", 2,
                    "workersAlive", 2, "workersBusy", 0), health.getDetails());
        });
    }

    @Test
    void theHealthShowsHowLongTheLongestWaitingJobHasWaited() {
        runner.withUserConfiguration(OnePipeline.class).withPropertyValues("conveyor.workers=0").run(context -> {
            Conveyor conveyor = context.getBean(Conveyor.class);
            Instant before = Instant.now();
            conveyor.submit(SubmitJob.startNow(TenantId.of("globex"), "greetings", Payload.of("name", "bo")))
                    .orElseThrow();
            conveyor.submit(SubmitJob.startNow(TENANT, "greetings", Payload.of("name", "ada"))).orElseThrow();

            Health health = context.getBean("conveyorHealthIndicator", HealthIndicator.class).health();

            assertEquals(Status.UP, health.getStatus());
            Instant oldest = Instant.parse((String) health.getDetails().get("oldestQueuedAt"));
            Duration age = Duration.parse((String) health.getDetails().get("oldestQueuedAge"));
            assertFalse(oldest.isBefore(before.truncatedTo(ChronoUnit.MILLIS)), health.getDetails().toString());
            assertFalse(age.isNegative(), health.getDetails().toString());
            assertTrue(age.compareTo(Duration.between(before, Instant.now())) <= 0, health.getDetails().toString());

            conveyor.drain();
            Health drained = context.getBean("conveyorHealthIndicator", HealthIndicator.class).health();
            assertFalse(drained.getDetails().containsKey("oldestQueuedAge"), drained.getDetails().toString());
        });
    }

    @Test
    void theHealthIsDownWhenWorkerThreadsHaveStopped() {
        runner.withUserConfiguration(OnePipeline.class).withPropertyValues("conveyor.workers=2").run(context -> {
            context.getBean(Conveyor.class).close(); // its workers stop; the store still answers

            Health health = context.getBean("conveyorHealthIndicator", HealthIndicator.class).health();

            assertEquals(Status.DOWN, health.getStatus());
            assertEquals(0, health.getDetails().get("workersAlive"));
            assertTrue(((String) health.getDetails().get("error")).startsWith("2 of 2 worker threads have stopped"),
                    health.getDetails().toString());
        });
    }

    static ConveyorProperties properties(ConveyorProperties.Store store) {
        return new ConveyorProperties(true, 1, null, null, null, null, null, null, null, null, null, null, null,
                store, new ConveyorProperties.Postgres("conveyor", 10),
                new ConveyorProperties.Rest(false, "/conveyor", null), new ConveyorProperties.Notify(null, null),
                new ConveyorProperties.Metrics(true));
    }
}
