package dev.conveyor.adapter.spring;

import dev.conveyor.adapter.metrics.ConveyorMetrics;
import dev.conveyor.adapter.spring.ConveyorAutoConfiguration.ConveyorStore;
import dev.conveyor.port.out.EngineEvents;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Conveyor's meters in the application's Micrometer registry, when it has one (Spring Boot makes one with its
 * metrics module, or the application defines its own) and the metrics adapter is on the class path: the engine's
 * events ({@code conveyor.jobs.*}, {@code conveyor.step.duration}, retries, progress writes, hook traffic), the
 * queue's depth and oldest age and, on PostgreSQL, the store's commits and connection pool. The registry publishes
 * them as the application set it up to (Prometheus, OTLP, …). Off with {@code conveyor.metrics.enabled=false}.
 * <p>
 * A composition root, like {@link ConveyorAutoConfiguration}: it wires the metrics adapter to the engine's store.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({ConveyorMetrics.class, MeterRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnProperty(prefix = "conveyor", name = {"enabled", "metrics.enabled"}, havingValue = "true",
        matchIfMissing = true)
public class ConveyorMetricsAutoConfiguration {

    /** Creates the autoconfiguration; Spring calls it. */
    public ConveyorMetricsAutoConfiguration() {
    }

    /**
     * Conveyor's meters, registered in the application's registry.
     *
     * @param registry the application's registry
     * @param store    the engine's store, whose queue (and on PostgreSQL, commits and pool) are metered
     * @return the meters; closing them leaves the application's registry open
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public ConveyorMetrics conveyorMetrics(MeterRegistry registry, ConveyorStore store) {
        ConveyorMetrics metrics = ConveyorMetrics.on(registry).meterQueue(store.jobs());
        if (store instanceof ConveyorStore.OnPostgres postgres) {
            postgres.stores().reportTo(metrics.listener());
            postgres.stores().publishPoolMetricsTo(registry);
        }
        return metrics;
    }

    /**
     * What the engine reports its events to.
     *
     * @param metrics Conveyor's meters
     * @return their listener
     */
    @Bean
    @ConditionalOnMissingBean(EngineEvents.class)
    public EngineEvents conveyorEngineEvents(ConveyorMetrics metrics) {
        return metrics.listener();
    }
}
