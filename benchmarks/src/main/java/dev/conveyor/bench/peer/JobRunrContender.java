package dev.conveyor.bench.peer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.configuration.JobRunrConfiguration.JobRunrConfigurationResult;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;

import java.util.Optional;
import java.util.stream.IntStream;

import static org.jobrunr.server.BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration;

/**
 * JobRunr 8.7.0 as its documentation sets it up on PostgreSQL: its own tables (created on start) through a
 * HikariCP pool, a background job server with the given worker count and its default poll interval, and
 * {@link NoOpJob} enqueued as a stream, which JobRunr saves in batches: single-step jobs, or the first steps of
 * five-step pipelines whose every step's job enqueues the next ({@link NoOpJob#chain}). A chained phase counts
 * pipelines: a pipeline is done when the jobs of all its steps have succeeded.
 */
final class JobRunrContender implements Contender {

    private final PeerConfig config;
    private final boolean chained;
    private String schema;
    private HikariDataSource dataSource;
    private JobRunrConfigurationResult jobRunr;

    /** @param chained whether each job is a five-step pipeline of chained jobs rather than a single step */
    JobRunrContender(PeerConfig config, boolean chained) {
        this.config = config;
        this.chained = chained;
    }

    @Override
    public String name() {
        return chained ? "JobRunr 8.7.0, " + NoOpJob.CHAIN_STEPS + " chained jobs" : "JobRunr 8.7.0, 1-step";
    }

    @Override
    public String enqueuedBy() {
        return "JobScheduler.enqueue(Stream, lambda)";
    }

    @Override
    public void open(String schema, Finish finish) {
        this.schema = schema;
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("jobrunr-peer");
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setSchema(schema);
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.addDataSourceProperty("ApplicationName", PeerDatabase.sessionName("jobrunr", schema));
        dataSource = new HikariDataSource(hikari);
        NoOpJob.reportTo(finish);
        jobRunr = JobRunr.configure()
                .useStorageProvider(new PostgresStorageProvider(dataSource, DatabaseOptions.CREATE))
                .useBackgroundJobServer(usingStandardBackgroundJobServerConfiguration()
                        .andWorkerCount(config.workers()), false)
                .initialize();
    }

    @Override
    public void enqueue(int jobs) {
        if (chained) {
            jobRunr.getJobScheduler().enqueue(IntStream.range(0, jobs).boxed(), n -> NoOpJob.chain(n, 1));
        } else {
            jobRunr.getJobScheduler().enqueue(IntStream.range(0, jobs).boxed(), n -> NoOpJob.run(n));
        }
    }

    @Override
    public void startWorkers() {
        jobRunr.getBackgroundJobServer().start();
    }

    @Override
    public long completed(PeerDatabase database) {
        long succeeded = database.count(schema, "jobrunr_jobs", "state", "SUCCEEDED");
        // every step of a chained pipeline is a job of its own: all of them have succeeded once the pipelines have
        return chained ? succeeded / NoOpJob.CHAIN_STEPS : succeeded;
    }

    @Override
    public void settle() {
        // JobRunr saves a job's success before it counts as done: nothing is left to write.
    }

    @Override
    public Optional<Statements> statements() {
        return Optional.empty();
    }

    @Override
    public void close() {
        if (jobRunr != null) {
            jobRunr.getBackgroundJobServer().stop();
            JobRunr.destroy();
        }
        if (dataSource != null) {
            dataSource.close();
        }
    }
}
