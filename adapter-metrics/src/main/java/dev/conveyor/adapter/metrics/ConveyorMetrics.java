package dev.conveyor.adapter.metrics;

import dev.conveyor.port.out.EngineEvents;
import dev.conveyor.port.out.JobStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Conveyor's meters in a Prometheus registry: what the engine and the store tell ({@link #listener()}), the queue's
 * depth and age read from the job store at each scrape ({@link #meterQueue}), and the JVM's own meters (memory,
 * garbage collection, threads, classes, CPU, uptime). A composition root makes one per process:
 *
 * <pre>{@code
 * ConveyorMetrics metrics = ConveyorMetrics.prometheus();
 * Conveyor conveyor = Conveyor.builder().store(store).reportTo(metrics.listener())...start();
 * metrics.meterQueue(store);
 * String text = metrics.scrape(); // what GET /metrics answers
 * }</pre>
 */
public final class ConveyorMetrics implements AutoCloseable {

    /** The content type of {@link #scrape()}: Prometheus text exposition format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final MeterRegistry registry;
    private final Optional<PrometheusMeterRegistry> own;
    private final ConveyorMeters meters;
    private final Optional<JvmGcMetrics> gc;

    private ConveyorMetrics(MeterRegistry registry, Optional<PrometheusMeterRegistry> own) {
        this.registry = registry;
        this.own = own;
        this.meters = new ConveyorMeters(registry);
        this.gc = own.map(prometheus -> {
            new JvmMemoryMetrics().bindTo(prometheus);
            new JvmThreadMetrics().bindTo(prometheus);
            new ClassLoaderMetrics().bindTo(prometheus);
            new ProcessorMetrics().bindTo(prometheus);
            new UptimeMetrics().bindTo(prometheus);
            JvmGcMetrics collections = new JvmGcMetrics();
            collections.bindTo(prometheus);
            return collections;
        });
    }

    /** A new Prometheus registry with Conveyor's and the JVM's meters, for {@link #scrape()}. */
    public static ConveyorMetrics prometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        return new ConveyorMetrics(registry, Optional.of(registry));
    }

    /**
     * Conveyor's meters in a registry the application has already (Spring Boot's, say), which publishes them and
     * its own JVM meters as it is set up to; {@link #scrape()} is then the application's business.
     */
    public static ConveyorMetrics on(MeterRegistry registry) {
        return new ConveyorMetrics(Objects.requireNonNull(registry, "registry must not be null"), Optional.empty());
    }

    /** What the engine and the stores should report to: {@code Conveyor.builder().reportTo(metrics.listener())}. */
    public EngineEvents listener() {
        return meters;
    }

    /**
     * Meters the queue of {@code store} at each scrape: {@code conveyor.queue.depth} (jobs waiting for a worker)
     * and {@code conveyor.queue.oldest.age} (how long the longest-waiting one has waited; 0 when none waits). Each is
     * one read of the store's queue index per scrape; a store that does not answer shows NaN, and the scrape goes
     * on.
     */
    public ConveyorMetrics meterQueue(JobStore store) {
        return meterQueue(store, Clock.systemUTC());
    }

    ConveyorMetrics meterQueue(JobStore store, Clock clock) {
        Objects.requireNonNull(store, "store must not be null");
        Gauge.builder("conveyor.queue.depth", store, ConveyorMetrics::depth)
                .description("Jobs waiting for a worker, across tenants and pipelines").strongReference(true)
                .register(registry);
        TimeGauge.builder("conveyor.queue.oldest.age", store, TimeUnit.MILLISECONDS, s -> oldestAgeMillis(s, clock))
                .description("How long the job that has waited longest for a worker has waited; 0 when none waits")
                .strongReference(true).register(registry);
        return this;
    }

    /** The registry, for more meters (a connection pool's, say): HikariCP's {@code setMetricRegistry} takes it. */
    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Every meter now, in Prometheus text format ({@link #CONTENT_TYPE}).
     *
     * @throws IllegalStateException when the meters live in the application's registry ({@link #on})
     */
    public String scrape() {
        return own.orElseThrow(() -> new IllegalStateException("these meters live in the application's own "
                + "registry, which publishes them")).scrape();
    }

    private static double depth(JobStore store) {
        try {
            return store.queuedCount();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double oldestAgeMillis(JobStore store, Clock clock) {
        try {
            Optional<Instant> oldest = store.oldestQueuedAt();
            Instant now = clock.instant();
            return oldest.map(at -> at.isAfter(now) ? 0.0 : (double) Duration.between(at, now).toMillis()).orElse(0.0);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Stops the garbage-collection listener and closes the registry this made ({@link #prometheus()}). */
    @Override
    public void close() {
        gc.ifPresent(JvmGcMetrics::close);
        own.ifPresent(PrometheusMeterRegistry::close);
    }
}
