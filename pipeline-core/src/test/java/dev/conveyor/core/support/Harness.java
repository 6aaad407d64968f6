package dev.conveyor.core.support;

import dev.conveyor.core.Conveyor;
import dev.conveyor.core.ConveyorBuilder;
import dev.conveyor.core.store.InMemoryJobStore;
import dev.conveyor.model.AuditEvent;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.Notification;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.ProgressView;
import dev.conveyor.model.TenantId;
import dev.conveyor.model.WorkerId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.in.SubmitJob;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * An engine for behaviour tests: in-memory store behind a {@link RecordingStore}, a clock the test moves,
 * a sleeper that never really sleeps, hooks run inline and recorded, no background threads. Jobs run when
 * the test calls {@link #drain()}.
 */
public final class Harness implements AutoCloseable {

    public static final Instant T0 = Instant.parse("2026-02-25T10:30:00Z");
    public static final TenantId ACME = TenantId.of("acme");

    public final MutableClock clock = new MutableClock(T0);
    public final FakeSleeper sleeper = new FakeSleeper(clock);
    public final RecordingStore store;
    public final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    public final List<Notification> notifications = new CopyOnWriteArrayList<>();
    public final Conveyor conveyor;

    /** A harness whose pipeline is built with the harness's clock (so steps can take test time). */
    public static Harness of(Function<MutableClock, PipelineDefinition> pipeline) {
        return new Harness(pipeline, b -> b, new InMemoryJobStore());
    }

    public static Harness of(Function<MutableClock, PipelineDefinition> pipeline,
                             UnaryOperator<ConveyorBuilder> configure) {
        return new Harness(pipeline, configure, new InMemoryJobStore());
    }

    public Harness(Function<MutableClock, PipelineDefinition> pipeline, UnaryOperator<ConveyorBuilder> configure,
                   dev.conveyor.port.out.JobStore backing) {
        this.store = new RecordingStore(backing);
        this.conveyor = configure.apply(Conveyor.builder().pipeline(pipeline.apply(clock)).store(store).workers(0)
                .workerId(new WorkerId("test-worker")).clock(clock).sleeper(sleeper).hookExecutor(Runnable::run)
                .scheduleMaintenance(false).audit(audit::add).notifications(notifications::add)).start();
    }

    /** Submits and starts a job of the harness's pipeline. */
    public Job submit(String pipeline, Payload input) {
        return submit(pipeline, input, PipelineOptions.defaults());
    }

    public Job submit(String pipeline, Payload input, PipelineOptions options) {
        return conveyor.submit(new SubmitJob(ACME, pipeline, input, options, true)).orElseThrow();
    }

    public int drain() {
        return conveyor.drain();
    }

    public Job job(JobId id) {
        return conveyor.job(ACME, id).orElseThrow();
    }

    public ProgressView progress(JobId id) {
        return conveyor.progress(ACME, id).orElseThrow();
    }

    public List<String> auditTypes() {
        return audit.stream().map(AuditEvent::type).toList();
    }

    public void advance(Duration by) {
        clock.advance(by);
    }

    @Override
    public void close() {
        conveyor.close();
    }
}
