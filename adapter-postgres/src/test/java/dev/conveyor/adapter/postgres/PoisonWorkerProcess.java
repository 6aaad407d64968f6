package dev.conveyor.adapter.postgres;

import dev.conveyor.core.Conveyor;
import dev.conveyor.model.WorkerId;
import dev.conveyor.pipeline.PipelineDefinition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A worker process whose {@code classify} step kills it, as an out-of-memory kill or a native crash would: while
 * the marker file exists the step halts the JVM on the spot (no shutdown hook, no lease handed back). Its engine
 * reads its settings from the environment, as {@code conveyor worker} does ({@code CONVEYOR_MAX_WORKER_LOSSES}
 * among them). Arguments: the step run log, the marker file, the worker's name, how far (in ms) its clock runs ahead.
 */
public final class PoisonWorkerProcess {

    /**
     * How long a worker's job stays leased without renewal: long enough that a live worker, however starved of CPU
     * while its JVM warms up on a loaded machine, keeps its lease. The test does not wait it out after a death: each
     * worker after the first runs on a clock this far (and a second) ahead of the last, so it finds the dead
     * worker's lease expired at once.
     */
    static final Duration LEASE = Duration.ofSeconds(10);
    /** The exit status of a halt in the poisoned step. */
    static final int HALTED = 99;

    private PoisonWorkerProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path log = Path.of(args[0]);
        Path marker = Path.of(args[1]);
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMillis(Long.parseLong(args[3])));
        PostgresStores stores = PostgresStores.connect(PostgresConfig.fromEnvironment(System.getenv()));
        Conveyor.builder().environment(System.getenv()).clock(ahead).store(stores.jobStore()).timings(stores.stepTimings())
                .pipeline(pipeline(log, marker, args[2])).workers(1).workerId(new WorkerId(args[2]))
                .leaseLength(LEASE).pollInterval(Duration.ofMillis(50)).wakeUpOn(stores::onWorkQueued)
                .audit(stores.auditLog()).start();
        Thread.currentThread().join();
    }

    /** The step run log's five steps, its {@code classify} step halting the process while {@code marker} exists. */
    static PipelineDefinition pipeline(Path log, Path marker, String who) {
        PipelineDefinition.Builder builder = PipelineDefinition.named("documents");
        for (String step : StepLog.STEPS) {
            builder.step(step, context -> {
                StepRunLog.append(log, who + " " + context.jobId() + " " + step + "\n");
                if (step.equals("classify") && Files.exists(marker)) {
                    Runtime.getRuntime().halt(HALTED);
                }
            });
        }
        return builder.build();
    }
}
