package dev.conveyor.bench.jmh;

import dev.conveyor.core.Conveyor;
import dev.conveyor.model.Notification;
import dev.conveyor.model.Payload;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.in.SubmitJob;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * No-op five-step jobs end to end on the in-memory store: submit a batch, wait until every job of it has
 * completed. The score is jobs per second. Issue target: ≥ 20,000 jobs/s with 2 worker threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NoOpJobsBenchmark {

    private static final int BATCH = 2_000;
    private static final TenantId TENANT = TenantId.of("bench");

    @Param({"2"})
    public int workers;

    private Conveyor conveyor;
    private final Semaphore completed = new Semaphore(0);

    @Setup(Level.Trial)
    public void start() {
        PipelineDefinition pipeline = PipelineDefinition.named("noop")
                .step("extract", ctx -> { })
                .step("classify", ctx -> { })
                .step("review", ctx -> { })
                .step("validate", ctx -> { })
                .step("generate", ctx -> { })
                .build();
        conveyor = Conveyor.builder().pipeline(pipeline).workers(workers).ttl(Duration.ofMillis(1))
                .hookExecutor(Runnable::run)
                .notifications(n -> {
                    if (n instanceof Notification.Ready) {
                        completed.release();
                    }
                })
                .start();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void runBatchOfNoOpJobs() throws InterruptedException {
        for (int i = 0; i < BATCH; i++) {
            conveyor.submit(SubmitJob.startNow(TENANT, "noop", Payload.of("i", i))).orElseThrow();
        }
        if (!completed.tryAcquire(BATCH, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("jobs did not complete within 60 s");
        }
    }

    @TearDown(Level.Iteration)
    public void forgetFinishedJobs() {
        // keep the store's size steady across iterations, as TTL cleanup does in production
        conveyor.cleanUp();
    }

    @TearDown(Level.Trial)
    public void stop() {
        conveyor.close();
    }
}
