package dev.conveyor.adapter.spring;

import dev.conveyor.adapter.postgres.PostgresConfig;
import dev.conveyor.adapter.postgres.PostgresStores;
import dev.conveyor.adapter.rest.ApiApplication;
import dev.conveyor.adapter.rest.MetricsScrape;
import dev.conveyor.adapter.rest.RestApi;
import dev.conveyor.adapter.rest.auth.Tokens;
import dev.conveyor.core.Conveyor;
import dev.conveyor.core.ConveyorBuilder;
import dev.conveyor.core.EngineStatus;
import dev.conveyor.core.store.InMemoryJobStore;
import dev.conveyor.core.store.InMemoryNotificationOutbox;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.PipelineProvider;
import dev.conveyor.port.out.EngineEvents;
import dev.conveyor.port.out.JobStore;
import dev.conveyor.port.out.NotificationHook;
import dev.conveyor.port.out.NotificationOutbox;
import org.glassfish.jersey.servlet.ServletContainer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * Conveyor in a Spring Boot application, wired from the application's beans and {@code conveyor.*} properties:
 * the engine ({@link Conveyor}) built from every {@link PipelineDefinition} bean, every {@link PipelineProvider}
 * bean and every {@code PipelineProvider} the class path declares (META-INF/services); on the application's
 * PostgreSQL database when it has one (Conveyor's tables and Flyway history in a schema of their own, LISTEN/NOTIFY
 * waking the workers), in memory otherwise. Its workers start with the context and, when it closes, stop claiming
 * and let running steps reach a checkpoint within {@code conveyor.shutdown-grace}, the jobs they leave handed
 * back to the queue for the next start. An application that defines its own {@code Conveyor} bean keeps it.
 * <p>
 * This is the Spring application's composition root for Conveyor: the one place that wires the core and the
 * store adapters together.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(Conveyor.class)
@ConditionalOnProperty(prefix = "conveyor", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(ConveyorProperties.class)
public class ConveyorAutoConfiguration {

    /** Creates the autoconfiguration; Spring calls it. */
    public ConveyorAutoConfiguration() {
    }

    /**
     * The engine, its workers running.
     *
     * @param properties  the {@code conveyor.*} settings
     * @param store       where jobs live
     * @param definitions the application's pipeline beans
     * @param providers   the application's pipeline provider beans
     * @param hooks       notification hooks: the notifier ({@code conveyor.notify.*}) and the application's own
     * @param events      who hears the engine's events: Conveyor's meters when the application has a
     *                    {@code MeterRegistry}, or the application's own listener when it defines exactly one
     * @return the started engine; the context closes it
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Conveyor conveyor(ConveyorProperties properties, ConveyorStore store,
                             ObjectProvider<PipelineDefinition> definitions, ObjectProvider<PipelineProvider> providers,
                             ObjectProvider<NotificationHook> hooks, ObjectProvider<EngineEvents> events) {
        List<PipelineDefinition> pipelines = new ArrayList<>(definitions.orderedStream().toList());
        providers.orderedStream().forEach(provider -> pipelines.addAll(provider.pipelines()));
        ServiceLoader.load(PipelineProvider.class, ConveyorAutoConfiguration.class.getClassLoader())
                .forEach(provider -> pipelines.addAll(provider.pipelines()));
        if (pipelines.isEmpty()) {
            throw new IllegalStateException("Conveyor found no pipeline: define a PipelineDefinition bean, or put a "
                    + "PipelineProvider on the class path (META-INF/services), or set conveyor.enabled=false");
        }
        ConveyorBuilder builder = Conveyor.builder().pipelines(pipelines);
        if (properties.workers() != null) {
            builder.workers(properties.workers());
        }
        if (properties.lease() != null) {
            builder.leaseLength(properties.lease());
        }
        if (properties.pollInterval() != null) {
            builder.pollInterval(properties.pollInterval());
        }
        if (properties.progressInterval() != null) {
            builder.progressInterval(properties.progressInterval());
        }
        if (properties.ttl() != null) {
            builder.ttl(properties.ttl());
        }
        if (properties.idleTtl() != null) {
            builder.idleTtl(properties.idleTtl());
        }
        if (properties.maxWorkerLosses() != null) {
            builder.maxWorkerLosses(properties.maxWorkerLosses());
        }
        if (properties.cleanupInterval() != null) {
            builder.cleanupInterval(properties.cleanupInterval());
        }
        if (properties.shutdownGrace() != null) {
            builder.shutdownGrace(properties.shutdownGrace());
        }
        if (properties.stepTimeout() != null) {
            builder.stepTimeout(properties.stepTimeout());
        }
        if (properties.hookQueueCapacity() != null) {
            builder.hookQueueCapacity(properties.hookQueueCapacity());
        }
        if (properties.hookCloseTimeout() != null) {
            builder.hookCloseTimeout(properties.hookCloseTimeout());
        }
        builder.store(store.jobs());
        if (store instanceof ConveyorStore.OnPostgres postgres) {
            PostgresStores stores = postgres.stores();
            builder.timings(stores.stepTimings()).audit(stores.auditLog()).auditTrail(stores.auditTrail())
                    .wakeUpOn(stores::onWorkQueued); // LISTEN/NOTIFY: idle workers wake when any process queues work
        }
        hooks.orderedStream().forEach(builder::notifications);
        builder.reportTo(events.getIfUnique(() -> EngineEvents.NONE));
        return builder.start();
    }

    /**
     * In memory, when nothing chose PostgreSQL.
     *
     * @param properties the {@code conveyor.*} settings
     * @return the in-memory store
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public ConveyorStore conveyorStore(ConveyorProperties properties) {
        if (properties.store() == ConveyorProperties.Store.POSTGRES) {
            throw new IllegalStateException("conveyor.store=postgres needs the application's database "
                    + "(spring.datasource.url=jdbc:postgresql://…), and the application has none");
        }
        return new ConveyorStore.InMemory();
    }

    /** The application's database, when it has one: Conveyor's store on it if it is PostgreSQL. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JdbcConnectionDetails.class)
    @ConditionalOnBean(JdbcConnectionDetails.class)
    static class OnTheApplicationsDatabase {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        ConveyorStore conveyorStore(ConveyorProperties properties, JdbcConnectionDetails database) {
            return chooseStore(properties, database.getJdbcUrl(), database.getUsername(), database.getPassword());
        }
    }

    /**
     * The store for the application's database at {@code url}: PostgreSQL, with Conveyor's own schema and pool,
     * unless {@code conveyor.store} says memory or the database is not PostgreSQL.
     */
    static ConveyorStore chooseStore(ConveyorProperties properties, String url, String user, String password) {
        boolean postgres = url != null && url.startsWith("jdbc:postgresql:");
        return switch (properties.store()) {
            case MEMORY -> new ConveyorStore.InMemory();
            case AUTO -> postgres ? connect(properties, url, user, password) : new ConveyorStore.InMemory();
            case POSTGRES -> {
                if (!postgres) {
                    throw new IllegalStateException("conveyor.store=postgres needs a PostgreSQL database, but "
                            + "the application's is " + url);
                }
                yield connect(properties, url, user, password);
            }
        };
    }

    private static ConveyorStore connect(ConveyorProperties properties, String url, String user, String password) {
        PostgresConfig config = PostgresConfig.of(url).withSchema(properties.postgres().schema())
                .withPoolSize(properties.postgres().poolSize());
        if (user != null && !user.isBlank()) {
            config = config.withUser(user);
        }
        if (password != null && !password.isEmpty()) {
            config = config.withPassword(password);
        }
        return new ConveyorStore.OnPostgres(PostgresStores.connect(config), config.schema());
    }

    /**
     * Conveyor's REST API and dashboard under {@code conveyor.rest.path} in the application's servlet web server,
     * when {@code conveyor.rest.enabled} and the class path has adapter-rest and Jersey's servlet container.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = {"dev.conveyor.adapter.rest.ApiApplication",
            "org.glassfish.jersey.servlet.ServletContainer"})
    @ConditionalOnProperty(prefix = "conveyor.rest", name = "enabled", havingValue = "true")
    static class RestConfiguration {

        private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

        @Bean
        ServletRegistrationBean<ServletContainer> conveyorRestServlet(Conveyor conveyor, ConveyorStore store,
                                                                      ConveyorProperties properties,
                                                                      ObjectProvider<Tokens> applicationTokens) {
            String path = properties.rest().path();
            if (path == null || !PATH.matcher(path).matches()) {
                throw new IllegalStateException("conveyor.rest.path must be one or more path segments such as "
                        + "/conveyor (no trailing slash, not the root), got " + path);
            }
            Tokens tokens = applicationTokens.getIfAvailable(() -> tokens(properties.rest().tokens()));
            // The meters go to the application's own registry (ConveyorMetricsAutoConfiguration), not to /metrics;
            // the delivery log is the store's outbox, which the notifier, when configured, delivers from.
            RestApi api = new RestApi(conveyor, conveyor, () -> answers(conveyor), MetricsScrape.OFF,
                    store.outbox()::deliveries);
            ServletRegistrationBean<ServletContainer> servlet = new ServletRegistrationBean<>(
                    new ServletContainer(ApiApplication.of(api, tokens)), path + "/*");
            servlet.setName("conveyorRest");
            servlet.setLoadOnStartup(1);
            return servlet;
        }

        private static Tokens tokens(String spec) {
            if (spec == null || spec.isBlank()) {
                throw new IllegalStateException("conveyor.rest.enabled=true needs the tokens callers present: set "
                        + "conveyor.rest.tokens=token:tenant:role,… or define a "
                        + "dev.conveyor.adapter.rest.auth.Tokens bean");
            }
            try {
                return Tokens.parseList(spec);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("conveyor.rest.tokens: " + e.getMessage(), e);
            }
        }

        /** Ready while the store answers: the same one indexed read as the health indicator. */
        private static boolean answers(Conveyor conveyor) {
            try {
                conveyor.status();
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }
    }

    /** Actuator's health, when the application has it. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "conveyorHealthIndicator")
        HealthIndicator conveyorHealthIndicator(Conveyor conveyor, ConveyorStore store) {
            return new StoreHealth(conveyor, store);
        }
    }

    /**
     * Up while the store answers and every worker thread is alive. Shows the store, the pipelines, the worker
     * threads (configured, alive, running a job now) and, while jobs wait for a worker, when the longest-waiting
     * one was queued and how long it has waited. One indexed read of the store per call: cheap enough for a probe
     * every few seconds.
     *
     * @param conveyor the engine
     * @param store    its store
     */
    record StoreHealth(Conveyor conveyor, ConveyorStore store) implements HealthIndicator {

        StoreHealth {
            Objects.requireNonNull(conveyor, "conveyor must not be null");
            Objects.requireNonNull(store, "store must not be null");
        }

        @Override
        public Health health() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("store", store.describe());
            details.put("pipelines", conveyor.pipelines().stream().map(PipelineDefinition::name).toList());
            EngineStatus status;
            try {
                status = conveyor.status();
            } catch (RuntimeException e) {
                return Health.down(e).withDetails(details).build();
            }
            details.put("workers", status.workers());
            details.put("workersAlive", status.workersAlive());
            details.put("workersBusy", status.busy());
            status.oldestQueuedAt().ifPresent(at -> details.put("oldestQueuedAt", at.toString()));
            status.oldestQueuedAge().ifPresent(age -> details.put("oldestQueuedAge", age.toString()));
            if (status.workersAlive() < status.workers()) {
                details.put("error", (status.workers() - status.workersAlive()) + " of " + status.workers()
                        + " worker threads have stopped; queued jobs wait for the rest, or for another process");
                return Health.down().withDetails(details).build();
            }
            return Health.up().withDetails(details).build();
        }
    }

    /** The store the autoconfigured engine runs on: in memory, or the PostgreSQL stores it owns and closes. */
    public sealed interface ConveyorStore extends AutoCloseable {

        /**
         * What the health indicator shows.
         *
         * @return the store in a few words
         */
        String describe();

        /**
         * Where jobs live.
         *
         * @return the job store the engine runs on
         */
        JobStore jobs();

        /**
         * Where notifications wait for delivery.
         *
         * @return the outbox the notifier sends from
         */
        NotificationOutbox outbox();

        @Override
        void close();

        /**
         * Jobs in memory, gone with the application.
         *
         * @param jobs   the jobs
         * @param outbox the notifications waiting for delivery
         */
        record InMemory(InMemoryJobStore jobs, InMemoryNotificationOutbox outbox) implements ConveyorStore {

            /** An empty store. */
            public InMemory() {
                this(new InMemoryJobStore(), new InMemoryNotificationOutbox());
            }

            public InMemory {
                Objects.requireNonNull(jobs, "jobs must not be null");
                Objects.requireNonNull(outbox, "outbox must not be null");
            }

            @Override
            public String describe() {
                return "in-memory";
            }

            @Override
            public void close() {
                // nothing held
            }
        }

        /**
         * Jobs on PostgreSQL, in their own schema.
         *
         * @param stores the job store, step timings, audit log and wake-ups
         * @param schema the schema they live in
         */
        record OnPostgres(PostgresStores stores, String schema) implements ConveyorStore {
            public OnPostgres {
                Objects.requireNonNull(stores, "stores must not be null");
                Objects.requireNonNull(schema, "schema must not be null");
            }

            @Override
            public String describe() {
                return "postgresql, schema " + schema;
            }

            @Override
            public JobStore jobs() {
                return stores.jobStore();
            }

            @Override
            public NotificationOutbox outbox() {
                return stores.notificationOutbox();
            }

            @Override
            public void close() {
                stores.close();
            }
        }
    }
}
