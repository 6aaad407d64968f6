package dev.conveyor.adapter.spring;

import com.sun.net.httpserver.HttpServer;
import dev.conveyor.adapter.notify.Notifier;
import dev.conveyor.core.Conveyor;
import dev.conveyor.core.HookQueueStatus;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.port.in.SubmitJob;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.conveyor.adapter.spring.ConveyorAutoConfigurationTest.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the starter wires besides the engine and its store, each only when asked for or when the application has
 * what it needs: Conveyor's meters in the application's Micrometer registry, notifications by webhook, and the
 * engine's hook queue settings.
 */
class EngineExtrasAutoConfigurationTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConveyorAutoConfiguration.class,
                    ConveyorMetricsAutoConfiguration.class, ConveyorNotifyAutoConfiguration.class))
            .withUserConfiguration(ConveyorAutoConfigurationTest.OnePipeline.class)
            .withPropertyValues("conveyor.workers=1");

    @Test
    void withTheApplicationsMeterRegistryTheEngineCountsItsJobsAndMetersItsQueueThere() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);

            Job done = runGreeting(context.getBean(Conveyor.class));

            assertEquals(JobStatus.COMPLETED, done.status());
            assertEquals(1.0, registry.get("conveyor.jobs.completed").tag("pipeline", "greetings").counter().count());
            assertEquals(0.0, registry.get("conveyor.queue.depth").gauge().value());
        });
    }

    @Test
    void withoutAMeterRegistryOrWithMetricsOffNothingIsMetered() {
        runner.run(context -> assertFalse(context.containsBean("conveyorMetrics")));
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).withPropertyValues("conveyor.metrics.enabled=false")
                .run(context -> {
                    assertFalse(context.containsBean("conveyorMetrics"));
                    runGreeting(context.getBean(Conveyor.class));
                    assertTrue(context.getBean(MeterRegistry.class).find("conveyor.jobs.completed").meters().isEmpty());
                });
    }

    @Test
    void notificationsConfiguredAsTheServerDoesArePostedSignedToTheWebhook() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        CountDownLatch posted = new CountDownLatch(1);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            bodies.add(read(exchange.getRequestBody()) + " signed " + exchange.getRequestHeaders()
                    .getFirst("webhook-signature"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            posted.countDown();
        });
        receiver.start();
        try {
            String json = "{\"webhooks\": [{\"tenant\": \"acme\", \"events\": [\"completed\"], \"url\": "
                    + "\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\", \"secret\": \"" + SECRET
                    + "\"}]}";
            runner.withPropertyValues("conveyor.notify.json=" + json).run(context -> {
                assertTrue(context.containsBean("conveyorNotifier"));

                Job done = runGreeting(context.getBean(Conveyor.class));

                assertTrue(posted.await(10, TimeUnit.SECONDS), "the completion is posted");
                String body = bodies.getFirst();
                assertTrue(body.contains("\"type\":\"completed\"") && body.contains(done.id().toString()), body);
                assertTrue(body.contains(" signed v1,"), body);
            });
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void withoutNotificationSettingsThereIsNoNotifierAndBadOnesStopStartUpSayingWhere() {
        runner.run(context -> assertTrue(context.getBeansOfType(Notifier.class).isEmpty()));
        runner.withPropertyValues("conveyor.notify.json={\"webhooks\": [{\"url\": \"ftp://x\"}]}")
                .run(context -> assertStartUpFails(context.getStartupFailure(), "conveyor.notify: CONVEYOR_NOTIFY_JSON"));
    }

    @Test
    void theServersNotificationVariableBindsToo() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("CONVEYOR_NOTIFY_JSON", "{\"retry\": {\"first_seconds\": -1}}"))))
                .run(context -> assertStartUpFails(context.getStartupFailure(), "conveyor.notify: CONVEYOR_NOTIFY_JSON"));
    }

    private static void assertStartUpFails(Throwable failure, String saying) {
        assertTrue(failure != null, "the context must not start");
        while (failure.getCause() != null && !failure.getMessage().startsWith(saying)) {
            failure = failure.getCause();
        }
        assertTrue(failure.getMessage().startsWith(saying), failure.getMessage());
    }

    @Test
    void theHookQueueSettingsReachTheEngine() {
        runner.withPropertyValues("conveyor.hook-queue-capacity=64", "conveyor.hook-close-timeout=500ms")
                .run(context -> {
                    ConveyorProperties properties = context.getBean(ConveyorProperties.class);

                    assertEquals(Duration.ofMillis(500), properties.hookCloseTimeout());
                    assertEquals(List.of(64, 64), context.getBean(Conveyor.class).hookQueues().stream()
                            .map(HookQueueStatus::capacity).toList());
                });
    }

    private static Job runGreeting(Conveyor conveyor) throws InterruptedException {
        Job job = conveyor.submit(SubmitJob.startNow(TENANT, "greetings", Payload.of("name", "ada"))).orElseThrow();
        return conveyor.await(TENANT, job.id(), Duration.ofSeconds(10)).orElseThrow();
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
