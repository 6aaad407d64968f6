package dev.conveyor.core;

import dev.conveyor.core.store.InMemoryJobStore;
import dev.conveyor.core.support.ForwardingJobStore;
import dev.conveyor.model.AuditEvent;
import dev.conveyor.model.AuditPage;
import dev.conveyor.model.AuditQuery;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.TenantId;
import dev.conveyor.model.WorkerId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.in.SubmitJob;
import dev.conveyor.port.out.AuditHook;
import dev.conveyor.port.out.AuditTrail;
import dev.conveyor.port.out.JobStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An audit log the store keeps itself gets each transition's events with the write of that transition, and only
 * then; the claim writes the run's first step start; other audit hooks hear every event as before.
 */
class StoreKeptAuditTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final List<String> STEPS = List.of("extract", "classify", "validate");

    @Test
    void transitionEventsTravelWithTheirWritesAndTheClaimStartsTheFirstStep() throws Exception {
        KeepingStore store = new KeepingStore();
        ConcurrentLinkedQueue<AuditEvent> recorded = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<AuditEvent> heard = new ConcurrentLinkedQueue<>();
        AuditHook kept = new AuditHook() {
            @Override
            public void record(AuditEvent event) {
                recorded.add(event);
            }

            @Override
            public boolean isKeptBy(JobStore keeper) {
                return keeper == store;
            }
        };
        PipelineDefinition.Builder pipeline = PipelineDefinition.named("docs");
        STEPS.forEach(step -> pipeline.step(step, ctx -> { }));
        List<String> expected = new ArrayList<>(List.of("pipeline_queued", "pipeline_start"));
        for (String step : STEPS) {
            expected.add("pipeline_" + step + "_start");
            expected.add("pipeline_" + step + "_complete");
        }
        expected.add("pipeline_complete");

        List<JobId> ids = new ArrayList<>();
        try (Conveyor conveyor = Conveyor.builder().store(store).pipeline(pipeline.build()).workers(2)
                .pollInterval(Duration.ofMillis(10)).audit(kept).audit(heard::add).hookExecutor(Runnable::run)
                .start()) {
            for (int n = 0; n < 3; n++) {
                ids.add(conveyor.submit(SubmitJob.startNow(ACME, "docs", Payload.of("n", n))).orElseThrow().id());
            }
            for (JobId id : ids) {
                assertEquals(JobStatus.COMPLETED, conveyor.await(ACME, id, Duration.ofSeconds(10)).orElseThrow()
                        .status());
            }
        }

        for (JobId id : ids) {
            assertEquals(expected, types(store.kept, id), "kept with the writes");
            // The submitting thread tells of the queued job once stored, while a worker may already run it.
            List<String> other = types(heard, id);
            assertEquals(1, other.stream().filter(type -> type.equals("pipeline_queued")).count(), "heard: " + other);
            assertEquals(expected.subList(1, expected.size()),
                    other.stream().filter(type -> !type.equals("pipeline_queued")).toList(), "heard by the other hook");
        }
        assertEquals(List.of(), List.copyOf(recorded), "every event went with a write, none through the hook");
        assertEquals(ids.size(), store.startedByClaims.get(), "each claim wrote its run's first step start");
        assertEquals(ids.size() * STEPS.size(), store.updates.get(),
                "after the claim, one write per step end (carrying the next start or the completion)");
    }

    @Test
    void aKeptLogThatReadsBackIsTheTrailAndNoCopyIsKeptInMemory() throws Exception {
        KeepingStore store = new KeepingStore();
        ReadableKeptLog log = new ReadableKeptLog(store);
        AtomicInteger handedToHookThread = new AtomicInteger();
        PipelineDefinition.Builder pipeline = PipelineDefinition.named("docs");
        STEPS.forEach(step -> pipeline.step(step, ctx -> { }));
        try (Conveyor conveyor = Conveyor.builder().store(store).pipeline(pipeline.build()).workers(1)
                .pollInterval(Duration.ofMillis(10)).audit(log).hookExecutor(task -> {
                    handedToHookThread.incrementAndGet();
                    task.run();
                }).start()) {
            JobId id = conveyor.submit(SubmitJob.startNow(ACME, "docs", Payload.of("n", 1))).orElseThrow().id();
            assertEquals(JobStatus.COMPLETED, conveyor.await(ACME, id, Duration.ofSeconds(10)).orElseThrow()
                    .status());

            AuditPage page = conveyor.events(ACME, id, AuditQuery.firstPage(100)).orElseThrow();
            assertEquals(types(store.kept, id), page.events().stream().map(AuditEvent::type).toList(),
                    "read back from the store's log");
            assertEquals(1, log.reads.get(), "the store's log answered the read");
        }
        assertEquals(0, handedToHookThread.get(), "no event went to a hook thread for a copy in memory");
    }

    private static List<String> types(Collection<AuditEvent> events, JobId id) {
        return events.stream().filter(event -> event.jobId().equals(id)).map(AuditEvent::type).toList();
    }

    /** The audit log the store keeps, read back from what its writes carried. */
    private static final class ReadableKeptLog implements AuditHook, AuditTrail {
        private final KeepingStore store;
        private final AtomicInteger reads = new AtomicInteger();

        ReadableKeptLog(KeepingStore store) {
            this.store = store;
        }

        @Override
        public void record(AuditEvent event) {
            store.kept.add(event);
        }

        @Override
        public boolean isKeptBy(JobStore keeper) {
            return keeper == store;
        }

        @Override
        public AuditPage events(TenantId tenant, JobId id, AuditQuery query) {
            reads.incrementAndGet();
            return new AuditPage(store.kept.stream().filter(event -> event.jobId().equals(id)).toList(),
                    Optional.empty());
        }
    }

    /** The in-memory store, keeping an audit log of the events its successful updates carry. */
    private static final class KeepingStore extends ForwardingJobStore {
        private final JobStore store = delegate();
        private final ConcurrentLinkedQueue<AuditEvent> kept = new ConcurrentLinkedQueue<>();
        private final AtomicInteger startedByClaims = new AtomicInteger();
        private final AtomicInteger updates = new AtomicInteger();

        KeepingStore() {
            super(new InMemoryJobStore());
        }

        @Override
        public synchronized Optional<Job> update(Job job, List<AuditEvent> events) {
            updates.incrementAndGet();
            Optional<Job> written = store.update(job);
            if (written.isPresent()) {
                kept.addAll(events);
            }
            return written;
        }

        @Override
        public synchronized Optional<Job> update(Job job) {
            return update(job, List.of());
        }

        @Override
        public synchronized List<Job> claim(WorkerId worker, Set<String> pipelines, int max, Instant now,
                                            Duration leaseLength, FirstTransition first) {
            List<Job> written = new ArrayList<>();
            for (Job claimed : store.claim(worker, pipelines, max, now, leaseLength)) {
                Optional<Transition> transition = first.of(claimed);
                if (transition.isEmpty()) {
                    written.add(claimed);
                    continue;
                }
                Job started = store.update(transition.get().job()).orElseThrow();
                kept.addAll(transition.get().events());
                startedByClaims.incrementAndGet();
                written.add(started);
            }
            return written;
        }

        @Override
        public synchronized void insertAll(List<Job> jobs, List<AuditEvent> events) {
            store.insertAll(jobs);
            kept.addAll(events);
        }

        @Override
        public synchronized List<Job> insertOrFind(List<Job> jobs, List<AuditEvent> events) {
            List<Job> stored = store.insertOrFind(jobs, List.of());
            events.stream().filter(event -> stored.stream().anyMatch(job -> job.id().equals(event.jobId())))
                    .forEach(kept::add);
            return stored;
        }
    }
}
