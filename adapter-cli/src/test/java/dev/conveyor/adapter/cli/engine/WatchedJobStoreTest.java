package dev.conveyor.adapter.cli.engine;

import dev.conveyor.core.store.InMemoryJobStore;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobRef;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.ProgressUpdate;
import dev.conveyor.model.TenantId;
import dev.conveyor.model.WorkerId;
import dev.conveyor.port.out.AuditHook;
import dev.conveyor.port.out.JobStore;
import dev.conveyor.port.out.NotificationHook;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatchedJobStoreTest {

    private static final TenantId TENANT = TenantId.of("cli");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final WorkerId WORKER = WorkerId.random("here");

    /** What the watch was told, in order. */
    private static final class Told implements WriteWatch {
        final List<Job> stored = new ArrayList<>();
        final List<JobId> changed = new ArrayList<>();

        @Override
        public void stored(Job job) {
            stored.add(job);
        }

        @Override
        public void changed(JobId job) {
            changed.add(job);
        }
    }

    private static Job queued() {
        return Job.create(JobId.random(), TENANT, "p", List.of("only"), Payload.of("item", "a"),
                PipelineOptions.defaults(), T0).toBuilder().status(JobStatus.QUEUED).processing(true).build();
    }

    @Test
    void aWriteThatWinsIsToldAsStoredAndOneThatLosesIsNotTold() {
        InMemoryJobStore inner = new InMemoryJobStore();
        Told told = new Told();
        WatchedJobStore store = new WatchedJobStore(inner, told);
        Job job = queued();
        store.insert(job);
        Job completed = job.toBuilder().status(JobStatus.COMPLETED).processing(false).build();

        Optional<Job> stored = store.update(completed, List.of());
        Optional<Job> stale = store.update(completed);

        assertTrue(stale.isEmpty(), "the second write carries a version already replaced");
        assertEquals(List.of(stored.orElseThrow()), told.stored);
        assertEquals(inner.find(TENANT, job.id()), stored, "told exactly what the store holds");
    }

    @Test
    void claimsAndProgressWritesAreToldAsChangedJobsAndRefusedProgressIsNot() {
        Told told = new Told();
        WatchedJobStore store = new WatchedJobStore(new InMemoryJobStore(), told);
        Job job = queued();
        store.insert(job);
        JobStore.ProgressSave save = new JobStore.ProgressSave(JobRef.of(job),
                new ProgressUpdate("only", 1, 2, 0, 50, 0, Optional.empty(), T0));

        List<Job> claimed = store.claim(WORKER, Set.of("p"), 5, T0, Duration.ofSeconds(10));
        List<Boolean> refused = store.saveProgressAll(WORKER, List.of(save));
        Job running = claimed.getFirst().toBuilder()
                .step(0, claimed.getFirst().steps().getFirst().start(T0)).build();
        store.update(running).orElseThrow();
        told.stored.clear();
        List<Boolean> saved = store.saveProgressAll(WORKER, List.of(save));

        assertEquals(List.of(false), refused, "no step runs yet");
        assertEquals(List.of(true), saved);
        assertEquals(List.of(job.id(), job.id()), told.changed, "the claim and the saved progress");
        assertEquals(List.of(), told.stored);
    }

    @Test
    void hooksTheWrappedStoreKeepsAreKeptByTheWatchedStoreAndNoOthers() {
        InMemoryJobStore inner = new InMemoryJobStore();
        WatchedJobStore store = new WatchedJobStore(inner, new Told());
        AuditHook log = new AuditHook() {
            @Override
            public void record(dev.conveyor.model.AuditEvent event) {
            }

            @Override
            public boolean isKeptBy(JobStore keeper) {
                return keeper == inner;
            }
        };
        NotificationHook outbox = new NotificationHook() {
            @Override
            public void send(dev.conveyor.model.Notification notification) {
            }

            @Override
            public boolean isKeptBy(JobStore keeper) {
                return keeper == inner;
            }
        };

        assertTrue(store.auditHook(log).isKeptBy(store));
        assertTrue(store.notificationHook(outbox).isKeptBy(store));
        assertFalse(store.auditHook(log).isKeptBy(new InMemoryJobStore()));
        assertFalse(store.auditHook(event -> { }).isKeptBy(store));
        assertFalse(store.notificationHook(notification -> { }).isKeptBy(store));
    }
}
