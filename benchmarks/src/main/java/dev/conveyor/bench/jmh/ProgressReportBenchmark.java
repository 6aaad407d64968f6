package dev.conveyor.bench.jmh;

import dev.conveyor.adapter.metrics.ConveyorMetrics;
import dev.conveyor.core.Conveyor;
import dev.conveyor.model.Payload;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.StepContext;
import dev.conveyor.port.in.SubmitJob;
import dev.conveyor.port.out.EngineEvents;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The cost of {@code StepContext.progress(done, total)} in a hot loop, on a real running step of a real
 * engine (its progress flusher writing every 250 ms meanwhile). Issue target: ≤ 50 ns per call. {@code events}
 * runs it with no engine-events listener and with the Micrometer metrics adapter listening: a report must cost
 * the same either way (no meter is touched per report).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProgressReportBenchmark {

    private static final long TOTAL = 1_000_000_000L;

    private Conveyor conveyor;
    private StepContext context;
    private final CountDownLatch release = new CountDownLatch(1);
    private long done;
    private ConveyorMetrics metrics;

    @Param({"none", "micrometer"})
    public String events;

    @Setup(Level.Trial)
    public void startARunningStep() throws InterruptedException {
        AtomicReference<StepContext> running = new AtomicReference<>();
        CountDownLatch inStep = new CountDownLatch(1);
        PipelineDefinition pipeline = PipelineDefinition.named("bench")
                .step("work", ctx -> {
                    running.set(ctx);
                    inStep.countDown();
                    release.await();
                })
                .build();
        metrics = ConveyorMetrics.prometheus();
        conveyor = Conveyor.builder().pipeline(pipeline).workers(1)
                .reportTo("micrometer".equals(events) ? metrics.listener() : EngineEvents.NONE).start();
        conveyor.submit(SubmitJob.startNow(TenantId.of("bench"), "bench", Payload.of("n", 1))).orElseThrow();
        if (!inStep.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the step did not start");
        }
        context = running.get();
    }

    @Benchmark
    public void reportProgress() {
        done = done + 1 == TOTAL ? 0 : done + 1;
        context.progress(done, TOTAL);
    }

    @TearDown(Level.Trial)
    public void finish() {
        release.countDown();
        conveyor.close();
        metrics.close();
    }
}
