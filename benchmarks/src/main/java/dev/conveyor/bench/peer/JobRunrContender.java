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
 * {@link NoOpJob} enqueued as a stream, which JobRunr saves in batches.
 */
final class JobRunrContender implements Contender {

    private final PeerConfig config;
    private String schema;
    private HikariDataSource dataSource;
    private JobRunrConfigurationResult jobRunr;

    JobRunrContender(PeerConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "JobRunr 8.7.0, 1-step";
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
        jobRunr.getJobScheduler().enqueue(IntStream.range(0, jobs).boxed(), n -> NoOpJob.run(n));
    }

    @Override
    public void startWorkers() {
        jobRunr.getBackgroundJobServer().start();
    }

    @Override
    public long completed(PeerDatabase database) {
        return database.count(schema, "jobrunr_jobs", "state", "SUCCEEDED");
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
