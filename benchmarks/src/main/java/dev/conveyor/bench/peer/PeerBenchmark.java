package dev.conveyor.bench.peer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Conveyor side by side with a peer, JobRunr 8.7.0, on one PostgreSQL in one run, with the same job count, worker
 * count and pool size for both. Each phase enqueues N no-op jobs with no worker running (JobRunr: its stream
 * enqueue; Conveyor: its batch submit), then starts the workers and drains the queue: JobRunr single-step jobs,
 * Conveyor single-step jobs, Conveyor five-step jobs, and once after all rounds JobRunr five-step pipelines of
 * chained jobs (each step's job enqueues the next). Each phase has a fresh schema, dropped afterwards. It
 * prints the enqueue and drain rates, CPU per job of this JVM and of PostgreSQL, Conveyor's statements per job,
 * and the ratios; a phase that does not finish within {@code peer.timeout} stops the run.
 *
 * <pre>
 * benchmarks/peer-benchmark.sh [-Dpeer.jobs=10000] [-Dpeer.workers=16] [-Dpeer.url=jdbc:postgresql://…]
 *                              [-Dpeer.phases=jobrunr,conveyor1,conveyor5,jobrunr5]
 * </pre>
 */
public final class PeerBenchmark {

    private final PeerConfig config;
    private final PeerDatabase database;
    private final CpuMeter cpu = new CpuMeter();
    /** The last round's five-step phase, which JobRunr's chained phase is compared with. */
    private Optional<PhaseResult> lastFiveSteps = Optional.empty();
    private final PrintStream out;

    PeerBenchmark(PeerConfig config, PrintStream out) {
        this.config = config;
        this.database = new PeerDatabase(config);
        this.out = out;
    }

    public static void main(String[] args) {
        PeerConfig config;
        try {
            config = PeerConfig.from(System.getProperties());
        } catch (IllegalArgumentException e) {
            System.err.println("peer-benchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        PeerBenchmark benchmark = new PeerBenchmark(config, System.out);
        // Interrupted (Ctrl-C), the run still drops the schemas it made.
        Runtime.getRuntime().addShutdownHook(new Thread(benchmark.database::dropAll, "peer-benchmark-cleanup"));
        try {
            benchmark.run();
        } catch (RuntimeException e) {
            System.err.println("peer-benchmark: " + e.getMessage());
            System.exit(1);
        }
        // JobRunr may leave threads behind; the run is over.
        System.exit(0);
    }

    /**
     * Runs the chosen phases, printing each as it ends, then the ratios, round after round ({@code peer.rounds});
     * with more than one round, the ratios' medians and ranges last. Answers one report per round when all three
     * phases ran (the ratios need them all), else none.
     */
    List<PeerReport> run() {
        out.printf(Locale.ROOT, "peer benchmark: %d jobs per phase; %d workers and %d pooled connections per "
                        + "system; PostgreSQL at %s; %d cores, load average %s at start%n", config.jobs(),
                config.workers(), config.poolSize(), config.jdbcUrl(), Runtime.getRuntime().availableProcessors(),
                loadAverage());
        boolean jobRunrRuns = config.runs("jobrunr");
        boolean jobRunrWarms = jobRunrRuns || config.runs("jobrunr5");
        boolean conveyorRuns = config.runs("conveyor1") || config.runs("conveyor5");
        if (config.warmUpJobs() > 0) {
            long start = System.nanoTime();
            if (jobRunrWarms) {
                phase(new JobRunrContender(config, false), "peer_warm_jobrunr", config.warmUpJobs());
            }
            if (conveyorRuns) {
                phase(new ConveyorContender(config, database, 5), "peer_warm_conveyor", config.warmUpJobs());
            }
            out.printf(Locale.ROOT, "warm-up, not counted: %d JobRunr jobs and %d five-step Conveyor jobs in %.1f s%n",
                    jobRunrWarms ? config.warmUpJobs() : 0, conveyorRuns ? config.warmUpJobs() : 0,
                    (System.nanoTime() - start) / 1e9);
        }
        List<PeerReport> reports = new ArrayList<>();
        for (int round = 1; round <= config.rounds(); round++) {
            if (config.rounds() > 1) {
                out.printf(Locale.ROOT, "round %d of %d, load average %s%n", round, config.rounds(), loadAverage());
            }
            round(jobRunrRuns).ifPresent(reports::add);
        }
        if (reports.size() > 1) {
            out.print(PeerReport.medians(reports));
        }
        if (config.runs("jobrunr5")) {
            // Once, after the rounds: its 5 jobs per pipeline would warm JobRunr's code up far more than any
            // Conveyor phase warms Conveyor's, and tilt every later round.
            PhaseResult chained = print(phase(new JobRunrContender(config, true), "peer_jobrunr5", config.jobs()));
            lastFiveSteps.ifPresent(fiveSteps -> out.print(PeerReport.chainedLine(fiveSteps, chained)));
            if (!reports.isEmpty()) {
                reports.add(reports.removeLast().withChained(chained));
            }
        }
        return reports;
    }

    /** One round of the chosen phases but JobRunr's chained one; its report when all three ran. */
    private Optional<PeerReport> round(boolean jobRunrRuns) {
        PhaseResult jobRunr = jobRunrRuns
                ? print(phase(new JobRunrContender(config, false), "peer_jobrunr", config.jobs())) : null;
        PhaseResult oneStep = config.runs("conveyor1")
                ? print(phase(new ConveyorContender(config, database, 1), "peer_conveyor1", config.jobs())) : null;
        PhaseResult fiveSteps = config.runs("conveyor5")
                ? print(phase(new ConveyorContender(config, database, 5), "peer_conveyor5", config.jobs())) : null;
        lastFiveSteps = Optional.ofNullable(fiveSteps);
        if (jobRunr == null || oneStep == null || fiveSteps == null) {
            return Optional.empty();
        }
        PeerReport report = new PeerReport(jobRunr, oneStep, fiveSteps, Optional.empty());
        out.print(report.ratios());
        return Optional.of(report);
    }

    private PhaseResult print(PhaseResult result) {
        out.print(PeerReport.phase(result));
        return result;
    }

    private PhaseResult phase(Contender contender, String schemaPrefix, int jobs) {
        Finish finish = new Finish(jobs);
        String schema = database.freshSchema(schemaPrefix);
        try (contender) {
            contender.open(schema, finish);
            CpuMeter.Sample beforeEnqueue = cpu.sample(database.backends(schema));
            long enqueueStart = System.nanoTime();
            contender.enqueue(jobs);
            long enqueueEnd = System.nanoTime();
            contender.settle();
            long enqueueSettled = System.nanoTime();
            CpuMeter.Sample beforeDrain = cpu.sample(database.backends(schema));
            long workersStart = System.nanoTime();
            contender.startWorkers();
            long deadline = workersStart + config.phaseTimeout().toNanos();
            awaitDone(contender, finish, jobs, deadline);
            long done = System.nanoTime();
            contender.settle();
            long settled = System.nanoTime();
            CpuMeter.Sample afterDrain = cpu.sample(database.backends(schema));
            PhaseResult result = new PhaseResult(contender.name(), contender.enqueuedBy(), jobs,
                    contender.completed(database), enqueueEnd - enqueueStart, enqueueSettled - enqueueEnd, finish.firstStart() - workersStart,
                    done - finish.firstStart(), settled - done, cpu.between(beforeEnqueue, beforeDrain),
                    cpu.between(beforeDrain, afterDrain), contender.statements());
            return result;
        } finally {
            database.drop(schema);
        }
    }

    /** Until every job has run and the database holds all of them as done, or the phase's time is up. */
    private void awaitDone(Contender contender, Finish finish, int jobs, long deadline) {
        try {
            while (!finish.awaitAll(Math.min(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(100)))) {
                failPast(deadline, contender, finish, jobs);
            }
            while (contender.completed(database) < jobs) {
                failPast(deadline, contender, finish, jobs);
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(contender.name() + ": interrupted while draining", e);
        }
    }

    private void failPast(long deadline, Contender contender, Finish finish, int jobs) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(String.format(Locale.ROOT, "%s: after %s, %d of %d jobs ran and %d "
                            + "are done in the database; raise peer.timeout or lower peer.jobs", contender.name(),
                    config.phaseTimeout(), finish.done(), jobs, contender.completed(database)));
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
