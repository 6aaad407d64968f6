package dev.conveyor.adapter.postgres;

import dev.conveyor.core.Conveyor;
import dev.conveyor.core.ConveyorBuilder;
import dev.conveyor.model.JobId;
import dev.conveyor.model.Payload;
import dev.conveyor.model.TenantId;
import dev.conveyor.model.WorkerId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.in.SubmitJob;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The adapter's benchmark, a program rather than a test, run as deployed: the audit log on, workers woken by
 * LISTEN/NOTIFY as well as by their own submissions. It drains a filled queue of no-op single-step and
 * five-step jobs with 16 worker threads (side by side, three rounds), runs five-step jobs end to end while
 * four threads submit them, then measures the progress read and the progress writes of a step that reports
 * progress in a tight loop for five seconds. Per job it reports the statements the store sent
 * ({@link StoreCounters#statements()}: claims, transitions, audit), the CPU time of this JVM and of the
 * PostgreSQL backends serving its database (both from {@code /proc}). It works in a database of its own
 * (created and dropped), so PostgreSQL's per-database commit counter ({@code pg_stat_database.xact_commit})
 * counts only its transactions.
 *
 * <pre>
 * ./mvnw -B -q -o verify -pl adapter-postgres -am -DskipTests -Pbench [-Dbench.jobs=20000 -Dbench.writers=2]
 * </pre>
 * {@code -Dbench.workers=N} sets the draining workers, {@code -Dbench.drainOnly=true} stops after the drains;
 * {@code -Dbench.writers=N} sets the group commits in flight at once, by default the store's own default, as
 * deployed.
 */
public final class ThroughputBenchmark {

    private static final TenantId TENANT = TenantId.of("bench");
    private static final int WORKERS = 8;
    private static final int DRAIN_WORKERS = Integer.getInteger("bench.workers", 16);
    private static final int SUBMITTERS = 4;
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ, as /proc reports CPU time on Linux

    private final String serverUrl;
    private final String database;
    private final int writers;
    private final AtomicInteger finished = new AtomicInteger();

    private ThroughputBenchmark(String serverUrl, String database, int writers) {
        this.serverUrl = serverUrl;
        this.database = database;
        this.writers = writers;
    }

    /** {@code bench.writers}: blank for the store's default, else a whole number; anything else stops the run. */
    static int writers(String given) {
        if (given.isBlank()) {
            return PostgresConfig.DEFAULT_WRITERS;
        }
        try {
            return Integer.parseInt(given.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bench.writers must be a whole number, got '" + given + "'", e);
        }
    }

    public static void main(String[] args) throws Exception {
        int jobs = Integer.getInteger("bench.jobs", 20_000);
        int writers = writers(System.getProperty("bench.writers", ""));
        String database = "conveyor_bench_" + UUID.randomUUID().toString().substring(0, 8);
        ThroughputBenchmark bench = new ThroughputBenchmark(TestDatabase.URL, database, writers);
        bench.admin("CREATE DATABASE " + database);
        try {
            System.out.printf(Locale.ROOT, "machine: %d cores; jobs per phase: %d; workers: %d (drains: %d); writer "
                    + "threads: %d%n", Runtime.getRuntime().availableProcessors(), jobs, WORKERS, DRAIN_WORKERS,
                    writers);
            if (Boolean.getBoolean("bench.diag")) {
                bench.processingOnly("warm", 2000);
                bench.admin("ALTER DATABASE " + database + " SET log_statement = 'all'");
                bench.processingOnly("diag", 300);
                bench.admin("ALTER DATABASE " + database + " RESET log_statement");
                return;
            }
            bench.drain("warm-up (not counted)", 5, jobs / 4);
            for (int round = 1; round <= 3; round++) {
                bench.drain("drain single-step, round " + round, 1, jobs);
                bench.drain("drain five-step, round " + round, 5, jobs);
            }
            if (Boolean.getBoolean("bench.drainOnly")) {
                return;
            }
            bench.endToEnd("end to end, five-step", jobs);
            bench.progressReads(20_000, 50_000);
            bench.writeAmplification(Duration.ofSeconds(5));
            bench.hotUpdates();
        } finally {
            bench.admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /**
     * The queue is filled by an engine without workers, then one with {@link #DRAIN_WORKERS} workers drains it:
     * from its start to the last job done, and on to the last audit event written.
     */
    private void drain(String phase, int steps, int jobs) throws Exception {
        try (PostgresStores stores = connect(); Conveyor submitter = engine(stores, 0, steps, Runnable::run)) {
            submit(submitter, jobs);
        }
        long commitsBefore = xactCommitsAfterClose();
        finished.set(0);
        ExecutorService hooks = Executors.newSingleThreadExecutor();
        long start;
        long drained;
        long audited;
        long statements;
        Cpu cpuBefore;
        Cpu cpuAfter;
        Measured measured;
        try (PostgresStores stores = connect()) {
            cpuBefore = cpu();
            start = System.nanoTime();
            try (Conveyor engine = engine(stores, DRAIN_WORKERS, steps, hooks)) {
                awaitFinished(jobs);
                drained = System.nanoTime() - start;
            }
            hooks.shutdown();
            if (!hooks.awaitTermination(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the audit log did not catch up within 10 minutes");
            }
            audited = System.nanoTime() - start;
            cpuAfter = cpu();
            statements = stores.counters().statements();
            measured = new Measured(jobs, drained, stores.counters());
        }
        long transactions = xactCommitsAfterClose() - commitsBefore;
        double seconds = drained / 1e9;
        System.out.printf(Locale.ROOT, "%s: %d jobs in %.2f s = %.0f jobs/s (%d workers; audit log caught up "
                        + "after %.2f s = %.0f jobs/s)%n", phase, jobs, seconds, jobs / seconds, DRAIN_WORKERS,
                audited / 1e9, jobs / (audited / 1e9));
        System.out.printf(Locale.ROOT, "  per job: %.2f statements sent (claims, transitions, audit); %.2f PostgreSQL "
                        + "transactions (xact_commit); %.2f group commits carrying %.2f writes; %.2f claim statements "
                        + "(%.2f jobs each); CPU %.3f ms engine JVM, %.3f ms PostgreSQL backends%n",
                (double) statements / jobs, (double) transactions / jobs, (double) measured.commits() / jobs,
                (double) measured.writes() / jobs, (double) measured.claims() / jobs,
                (double) measured.claimed() / Math.max(1, measured.claims()),
                cpuAfter.engineMillis(cpuBefore) / jobs, cpuAfter.backendMillis(cpuBefore) / jobs);
    }

    /** CPU time so far of this JVM and of each PostgreSQL backend serving the bench database, in clock ticks. */
    private record Cpu(long engineTicks, Map<Long, Long> backendTicks) {

        double engineMillis(Cpu before) {
            return (engineTicks - before.engineTicks) * 1000.0 / CLOCK_TICKS_PER_SECOND;
        }

        /** Backends that started since {@code before} count from zero; ones that ended meanwhile are lost. */
        double backendMillis(Cpu before) {
            long ticks = 0;
            for (Map.Entry<Long, Long> backend : backendTicks.entrySet()) {
                ticks += backend.getValue() - before.backendTicks.getOrDefault(backend.getKey(), 0L);
            }
            return ticks * 1000.0 / CLOCK_TICKS_PER_SECOND;
        }
    }

    private Cpu cpu() throws SQLException {
        Map<Long, Long> backends = new HashMap<>();
        try (Connection c = DriverManager.getConnection(serverUrl, TestDatabase.USER, "");
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = '" + database + "'")) {
            while (rows.next()) {
                long pid = rows.getLong(1);
                cpuTicks(Path.of("/proc", Long.toString(pid), "stat")).ifPresent(ticks -> backends.put(pid, ticks));
            }
        }
        return new Cpu(cpuTicks(Path.of("/proc/self/stat")).orElseThrow(), backends);
    }

    /** utime + stime of a process, from its {@code /proc/PID/stat} (fields 14 and 15, after the command name). */
    private static Optional<Long> cpuTicks(Path stat) {
        try {
            String line = Files.readString(stat);
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // the backend ended meanwhile
        }
    }

    /** Four threads submit while the engine runs: from first submit to last job done. */
    private void endToEnd(String phase, int jobs) throws Exception {
        long commitsBefore = xactCommits();
        finished.set(0);
        Measured measured;
        try (PostgresStores stores = connect(); Conveyor engine = engine(stores, WORKERS)) {
            long start = System.nanoTime();
            submit(engine, jobs);
            awaitFinished(jobs);
            measured = new Measured(jobs, System.nanoTime() - start, stores.counters());
        }
        measured.print(phase, "insert + transitions", xactCommitsAfterClose() - commitsBefore);
    }

    /** The queue is filled by an engine without workers, then one with 8 workers drains it. */
    private void processingOnly(String phase, int jobs) throws Exception {
        try (PostgresStores stores = connect(); Conveyor submitter = engine(stores, 0)) {
            submit(submitter, jobs);
        }
        long commitsBefore = xactCommitsAfterClose();
        finished.set(0);
        Measured measured;
        try (PostgresStores stores = connect(); Conveyor engine = engine(stores, WORKERS)) {
            long start = System.nanoTime();
            awaitFinished(jobs);
            measured = new Measured(jobs, System.nanoTime() - start, stores.counters());
        }
        measured.print(phase, "transitions", xactCommitsAfterClose() - commitsBefore);
    }

    /** One phase's figures; PostgreSQL's commit count is read after the pool closed (exiting backends flush it). */
    private record Measured(int jobs, long nanos, long commits, long writes, long claims, long claimed) {

        Measured(int jobs, long nanos, StoreCounters counters) {
            this(jobs, nanos, counters.commits(), counters.writes(), counters.claimStatements(),
                    counters.claimedJobs());
        }

        void print(String phase, String writesAre, long transactions) {
            double seconds = nanos / 1e9;
            System.out.printf(Locale.ROOT, "%s: %d jobs in %.2f s = %.0f jobs/s%n", phase, jobs, seconds,
                    jobs / seconds);
            System.out.printf(Locale.ROOT, "  per job: %.2f PostgreSQL transactions committed (xact_commit, reads "
                            + "and claims included); %.2f group commits carrying %.2f writes (%s); %.2f claim "
                            + "statements (%.2f jobs each)%n", (double) transactions / jobs, (double) commits / jobs,
                    (double) writes / jobs, writesAre, (double) claims / jobs, (double) claimed / Math.max(1, claims));
        }
    }

    private void progressReads(int warmUp, int measured) throws Exception {
        try (PostgresStores stores = connect()) {
            List<JobId> ids = new ArrayList<>();
            try (Connection c = open(); ResultSet rows = c.createStatement()
                    .executeQuery("SELECT id FROM conveyor.job LIMIT 10000")) {
                while (rows.next()) {
                    ids.add(new JobId(rows.getObject(1, UUID.class)));
                }
            }
            for (int i = 0; i < warmUp; i++) {
                stores.jobStore().find(TENANT, ids.get(i % ids.size())).orElseThrow();
            }
            long[] nanos = new long[measured];
            for (int i = 0; i < measured; i++) {
                JobId id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                long start = System.nanoTime();
                stores.jobStore().find(TENANT, id).orElseThrow();
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "progress read (find by id and tenant, one thread, %d reads after %d "
                            + "warm-up): median %.3f ms, p90 %.3f ms, p99 %.3f ms%n", measured, warmUp,
                    nanos[measured / 2] / 1e6, nanos[measured * 9 / 10] / 1e6, nanos[measured * 99 / 100] / 1e6);
        }
    }

    /**
     * Write amplification (issue 3: at most ~4 progress writes per second, however often a step reports): one
     * step reports progress in a tight loop for {@code loop}, and the store counts the progress writes it sent
     * to PostgreSQL meanwhile. The engine coalesces the reports and writes at most once per progress interval.
     */
    private void writeAmplification(Duration loop) throws Exception {
        AtomicLong calls = new AtomicLong();
        AtomicLong writes = new AtomicLong();
        AtomicLong nanos = new AtomicLong();
        try (PostgresStores stores = connect()) {
            PipelineDefinition chatty = PipelineDefinition.named("chatty").step("report", context -> {
                long writesBefore = stores.counters().progressWrites();
                long start = System.nanoTime();
                long end = start + loop.toNanos();
                long reported = 0;
                do {
                    for (int i = 0; i < 1_024; i++) {
                        context.progress(++reported, Long.MAX_VALUE);
                    }
                } while (System.nanoTime() < end);
                nanos.set(System.nanoTime() - start);
                writes.set(stores.counters().progressWrites() - writesBefore);
                calls.set(reported);
            }).build();
            try (Conveyor engine = Conveyor.builder().store(stores.jobStore()).timings(stores.stepTimings())
                    .pipeline(chatty).workers(1).pollInterval(Duration.ofMillis(20)).start()) {
                var job = engine.submit(SubmitJob.startNow(TENANT, "chatty", Payload.of("n", 1))).orElseThrow();
                engine.await(TENANT, job.id(), loop.plusMinutes(1)).orElseThrow();
            }
        }
        double seconds = nanos.get() / 1e9;
        System.out.printf(Locale.ROOT, "write amplification: %d progress calls in %.2f s (%.1f million per second) "
                        + "became %d progress writes = %.1f writes/s (target: at most ~4)%n", calls.get(), seconds,
                calls.get() / seconds / 1e6, writes.get(), writes.get() / seconds);
    }

    private void hotUpdates() throws Exception {
        Thread.sleep(1_500);
        try (Connection c = open(); ResultSet row = c.createStatement().executeQuery(
                "SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'job'")) {
            row.next();
            long updates = row.getLong(1);
            long hot = row.getLong(2);
            System.out.printf(Locale.ROOT, "job table: %d updates, %d of them HOT (%.0f%%)%n", updates, hot,
                    updates == 0 ? 0.0 : 100.0 * hot / updates);
        }
    }

    private PostgresStores connect() {
        String url = serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1) + database;
        return PostgresStores.connect(PostgresConfig.of(url).withUser(TestDatabase.USER).withPoolSize(16)
                .withWriters(writers));
    }

    private Conveyor engine(PostgresStores stores, int workers) {
        return engine(stores, workers, StepLog.STEPS.size(), null);
    }

    /** An engine as deployed on PostgreSQL, its audit log on; {@code hooks}, when given, runs the hooks. */
    private Conveyor engine(PostgresStores stores, int workers, int steps, Executor hooks) {
        PipelineDefinition.Builder noop = PipelineDefinition.named("noop");
        List<String> names = StepLog.STEPS.subList(0, steps);
        for (String step : names) {
            noop.step(step, step.equals(names.getLast()) ? context -> finished.incrementAndGet() : context -> { });
        }
        ConveyorBuilder builder = Conveyor.builder().store(stores.jobStore()).timings(stores.stepTimings())
                .pipeline(noop.build()).workers(workers).workerId(WorkerId.random("bench"))
                .pollInterval(Duration.ofMillis(100)).wakeUpOn(stores::onWorkQueued).audit(stores.auditLog());
        return (hooks == null ? builder : builder.hookExecutor(hooks)).start();
    }

    private static void submit(Conveyor engine, int jobs) throws Exception {
        ExecutorService submitters = Executors.newFixedThreadPool(SUBMITTERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < SUBMITTERS; t++) {
                int share = jobs / SUBMITTERS + (t < jobs % SUBMITTERS ? 1 : 0);
                done.add(submitters.submit(() -> {
                    for (int n = 0; n < share; n++) {
                        engine.submit(SubmitJob.startNow(TENANT, "noop", Payload.of("n", n))).orElseThrow();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            submitters.shutdownNow();
        }
    }

    private void awaitFinished(int jobs) throws InterruptedException {
        while (finished.get() < jobs) {
            Thread.sleep(1);
        }
    }

    private long xactCommits() throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl, TestDatabase.USER, "");
             Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = '"
                     + database + "'")) {
            row.next();
            return row.getLong(1);
        }
    }

    private long xactCommitsAfterClose() throws Exception {
        Thread.sleep(300);
        return xactCommits();
    }

    private Connection open() throws SQLException {
        String url = serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1) + database;
        Connection connection = DriverManager.getConnection(url, TestDatabase.USER, "");
        connection.createStatement().execute("SET search_path TO conveyor");
        return connection;
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl, TestDatabase.USER, "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
