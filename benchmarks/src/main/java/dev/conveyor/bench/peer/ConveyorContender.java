package dev.conveyor.bench.peer;

import dev.conveyor.adapter.postgres.PostgresConfig;
import dev.conveyor.adapter.postgres.PostgresStores;
import dev.conveyor.adapter.postgres.StoreStatistics;
import dev.conveyor.core.Conveyor;
import dev.conveyor.core.ConveyorBuilder;
import dev.conveyor.model.Job;
import dev.conveyor.model.Payload;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.in.Outcome;
import dev.conveyor.port.in.SubmitJob;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Conveyor as deployed on PostgreSQL (as the server and the CLI wire it): the PostgreSQL job store and step
 * timings, every transition's audit event kept in {@code audit_event}, idle workers woken by LISTEN/NOTIFY, the
 * default poll interval and lease. Its jobs are no-op pipelines of one or more steps, submitted in batches.
 */
final class ConveyorContender implements Contender {

    /** Jobs per batch submit: the most the REST API takes in one request. */
    static final int BATCH = 1_000;
    private static final TenantId TENANT = TenantId.of("peer-bench");

    private final PeerConfig config;
    private final PeerDatabase database;
    private final int steps;
    private String schema;
    private ExecutorService hookThread;
    private PostgresStores stores;
    private PipelineDefinition pipeline;
    private Conveyor engine;
    private StoreStatistics atWorkersStart;
    private long auditAtWorkersStart;


    ConveyorContender(PeerConfig config, PeerDatabase database, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, was " + steps);
        }
        this.config = config;
        this.database = database;
        this.steps = steps;
    }

    @Override
    public String name() {
        return "Conveyor, " + steps + "-step";
    }

    @Override
    public String enqueuedBy() {
        return "submitAll, " + BATCH + " jobs a call";
    }

    @Override
    public void open(String schema, Finish finish) {
        this.schema = schema;
        PostgresConfig postgres = PostgresConfig.of(config.urlWith("ApplicationName",
                        PeerDatabase.sessionName("conveyor", schema)))
                .withUser(config.user()).withSchema(schema).withPoolSize(config.poolSize());
        stores = PostgresStores.connect(config.password().isEmpty() ? postgres
                : postgres.withPassword(config.password()));
        // The engine's default: one thread that runs the hooks in order. Owning it lets settle() wait for it.
        hookThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "conveyor-hooks");
            t.setDaemon(true);
            return t;
        });
        pipeline = noOps(steps, finish);
        engine = builder(0).start();
    }

    private static PipelineDefinition noOps(int steps, Finish finish) {
        PipelineDefinition.Builder noOps = PipelineDefinition.named("noop-" + steps);
        for (int step = 1; step <= steps; step++) {
            boolean first = step == 1;
            boolean last = step == steps;
            noOps.step("step-" + step, context -> {
                if (first) {
                    finish.started();
                }
                if (last) {
                    finish.finished();
                }
            });
        }
        return noOps.build();
    }

    private ConveyorBuilder builder(int workers) {
        return Conveyor.builder().pipeline(pipeline).store(stores.jobStore()).timings(stores.stepTimings())
                .workers(workers).hookExecutor(hookThread).audit(stores.auditLog());
    }

    @Override
    public void enqueue(int jobs) {
        for (int from = 0; from < jobs; from += BATCH) {
            List<SubmitJob> batch = new ArrayList<>();
            for (int n = from; n < Math.min(jobs, from + BATCH); n++) {
                batch.add(SubmitJob.startNow(TENANT, pipeline.name(), Payload.of("n", n)));
            }
            submitAll(batch);
        }
    }

    /** Conveyor's batch submit: every job of the batch is queued, or the run stops here. */
    private void submitAll(List<SubmitJob> batch) {
        for (Outcome<Job> submitted : engine.submitAll(batch)) {
            submitted.orElseThrow();
        }
    }

    /** The enqueueing engine has no workers; the one that drains is started like a deployed one. */
    @Override
    public void startWorkers() {
        engine.close();
        atWorkersStart = stores.statistics();
        auditAtWorkersStart = auditRows();
        engine = builder(config.workers()).wakeUpOn(stores::onWorkQueued).start();
    }

    @Override
    public long completed(PeerDatabase database) {
        return database.count(schema, "job", "status", "COMPLETED");
    }

    @Override
    public void settle() {
        CompletableFuture.runAsync(() -> { }, hookThread).join();
    }

    @Override
    public Optional<Statements> statements() {
        StoreStatistics drained = stores.statistics().since(atWorkersStart);
        return Optional.of(new Statements(drained.statements(), drained.claimStatements(), drained.writes(),
                drained.commits(), drained.commitNanos(),
                drained.progressWrites(), drained.readRounds(), auditRows() - auditAtWorkersStart));
    }

    private long auditRows() {
        return database.rows(schema, "audit_event");
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
        if (hookThread != null) {
            hookThread.shutdown();
        }
        if (stores != null) {
            stores.close();
        }
    }
}
