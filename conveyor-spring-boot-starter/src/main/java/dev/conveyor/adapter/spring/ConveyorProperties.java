package dev.conveyor.adapter.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

import java.time.Duration;

/**
 * Conveyor's settings, {@code conveyor.*}: every option of the engine's builder. An option left unset keeps
 * the engine's own default, named here.
 *
 * @param enabled          whether to start Conveyor at all
 * @param workers          worker threads claiming and running jobs (0: this application only submits and reads);
 *                         default one per core
 * @param lease            how long a worker's claim on a job lasts unless renewed; default 30s
 * @param pollInterval     how often idle workers look for work when nothing wakes them; default 1s
 * @param progressInterval how often reported progress is written to the store; default 250ms
 * @param ttl              how long finished jobs are kept (with their audit events); default 24h
 * @param idleTtl          how long jobs created but never started, or awaiting review, are kept after their last
 *                         change; default 30d
 * @param maxWorkerLosses  how many workers in a row one step may lose (the process died running it) before its job
 *                         fails as worker_lost; default 3
 * @param cleanupInterval  how often finished jobs past their TTL are removed; default 5m
 * @param shutdownGrace    how long running steps may go on when the application stops before they are told to
 *                         stop, their jobs handed back to the queue; default 10s
 * @param stepTimeout      a timeout for every step that sets none of its own (nor its pipeline a default);
 *                         default none
 * @param hookQueueCapacity how many audit and notification hook calls each of the engine's two hook queues holds
 *                         waiting before it drops the oldest; default 10000
 * @param hookCloseTimeout how long closing the engine lets the hook queues run what they hold; default 2s
 * @param store            where jobs live: AUTO (PostgreSQL when the application's database is PostgreSQL, else
 *                         in memory), MEMORY or POSTGRES
 * @param postgres         the PostgreSQL store's settings
 * @param rest             Conveyor's REST API and dashboard in the application's web server
 * @param notifications    where notifications (review needed, ready, failed, stalled) go, webhooks and email:
 *                         {@code conveyor.notify.*}
 * @param metrics          Conveyor's meters in the application's Micrometer registry
 */
@ConfigurationProperties("conveyor")
public record ConveyorProperties(@DefaultValue("true") boolean enabled, Integer workers, Duration lease,
                                 Duration pollInterval, Duration progressInterval, Duration ttl, Duration idleTtl,
                                 Integer maxWorkerLosses, Duration cleanupInterval, Duration shutdownGrace, Duration stepTimeout,
                                 Integer hookQueueCapacity, Duration hookCloseTimeout,
                                 @DefaultValue("auto") Store store,
                                 @DefaultValue Postgres postgres, @DefaultValue Rest rest,
                                 @Name("notify") @DefaultValue Notify notifications,
                                 @DefaultValue Metrics metrics) {

    /** Where jobs live. */
    public enum Store {
        /** PostgreSQL when the application's database is PostgreSQL, else in memory. */
        AUTO,
        /** In memory: jobs live as long as the application. */
        MEMORY,
        /** The application's PostgreSQL database; start-up fails when there is none. */
        POSTGRES
    }

    /**
     * The PostgreSQL store's settings. Conveyor keeps its tables, and its own Flyway history table, in a schema of
     * its own, and opens a small pool of its own to the application's database.
     *
     * @param schema   the schema of Conveyor's tables
     * @param poolSize connections in Conveyor's own pool
     */
    public record Postgres(@DefaultValue("conveyor") String schema, @DefaultValue("10") int poolSize) {
    }

    /**
     * Conveyor's REST API ({@code <path>/api/v1/…}, {@code <path>/health}, {@code <path>/ready}) and dashboard
     * ({@code <path>/}) in the application's own servlet web server; needs {@code dev.conveyor:adapter-rest} and
     * {@code org.glassfish.jersey.containers:jersey-container-servlet} on the class path. Callers present bearer
     * tokens: the application's {@code dev.conveyor.adapter.rest.auth.Tokens} bean when it defines one, else
     * {@code tokens}.
     *
     * @param enabled whether to mount Conveyor's REST API and dashboard in the application's servlet web server
     * @param path    the path they are mounted under, one or more segments such as {@code /conveyor}: the API at
     *                {@code <path>/api/v1}, the dashboard at {@code <path>/}
     * @param tokens  the bearer tokens the mounted API accepts, unless the application defines a {@code Tokens}
     *                bean: {@code token:tenant:role} entries separated by commas (role {@code read},
     *                {@code write} or {@code admin}, each token at least 16 characters)
     */
    public record Rest(@DefaultValue("false") boolean enabled, @DefaultValue("/conveyor") String path, String tokens) {
    }

    /**
     * Where notifications go, in the notification adapter's JSON format (webhook endpoints with their signing
     * secrets, email recipients and the SMTP server, the dashboard's address for links, the retry schedule): the
     * file {@code file} names, or the JSON {@code json} holds, as the server reads {@code CONVEYOR_NOTIFY_FILE} or
     * {@code CONVEYOR_NOTIFY_JSON} (which bind here too). Secrets named by {@code secret_env} and
     * {@code password_env} come from the process's environment. Needs {@code dev.conveyor:adapter-notify} on the
     * class path; nothing is sent when neither is set.
     *
     * @param file a JSON file of notification settings
     * @param json the notification settings themselves, as JSON
     */
    public record Notify(String file, String json) {
    }

    /**
     * Conveyor's meters ({@code conveyor.*}: jobs, steps, retries, progress writes, hooks, the queue's depth and
     * oldest age; on PostgreSQL its commits and connection pool) in the application's Micrometer
     * {@code MeterRegistry}, when it has one and {@code dev.conveyor:adapter-metrics} is on the class path.
     *
     * @param enabled whether to bind Conveyor's meters to the application's registry
     */
    public record Metrics(@DefaultValue("true") boolean enabled) {
    }
}
