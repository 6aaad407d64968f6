package dev.conveyor.adapter.cli.batch;

import dev.conveyor.core.support.MutableClock;
import dev.conveyor.model.AuditPage;
import dev.conveyor.model.AuditQuery;
import dev.conveyor.model.EtaAccuracy;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobPage;
import dev.conveyor.model.JobQuery;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.ProgressView;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.in.QueryJobs;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrackerTest {

    private static final TenantId TENANT = TenantId.of("cli");
    private static final PipelineDefinition PIPELINE = PipelineDefinition.named("p").step("only", c -> { }).build();
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** The read side of a store, counting lookups. */
    private static final class CountingQueries implements QueryJobs {
        final Map<JobId, Job> jobs = new ConcurrentHashMap<>();
        int lookups;

        @Override
        public Optional<ProgressView> progress(TenantId tenant, JobId id) {
            throw new UnsupportedOperationException("the tracker reads jobs, not progress views");
        }

        @Override
        public Optional<Job> job(TenantId tenant, JobId id) {
            lookups++;
            return Optional.ofNullable(jobs.get(id));
        }

        @Override
        public JobPage list(TenantId tenant, JobQuery query) {
            return new JobPage(List.of(), Optional.empty());
        }

        @Override
        public Map<String, Job> newestByItem(TenantId tenant, String pipeline, java.util.Collection<String> items) {
            throw new UnsupportedOperationException("the tracker follows jobs it knows");
        }

        @Override
        public List<PipelineDefinition> pipelines() {
            return List.of(PIPELINE);
        }

        @Override
        public EtaAccuracy etaAccuracy(String pipeline) {
            return EtaAccuracy.NONE;
        }

        @Override
        public Optional<AuditPage> events(TenantId tenant, JobId id, AuditQuery query) {
            throw new AssertionError("not used");
        }

        void set(Job job, JobStatus status) {
            jobs.put(job.id(), job.toBuilder().status(status).processing(!status.isFinished()).build());
        }

        /** The job as this process's engine writes it: stored, then the write told. */
        void setHere(Job job, JobStatus status, ChangedJobs changes) {
            set(job, status);
            changes.stored(jobs.get(job.id()));
        }

        /** A change of this process's engine whose whole row its write does not give (a claim, progress). */
        void changeHere(Job job, JobStatus status, ChangedJobs changes) {
            set(job, status);
            changes.changed(job.id());
        }
    }

    private static Job queued(int n) {
        return Job.create(JobId.random(), TENANT, "p", List.of("only"), Payload.of("item", "i" + n),
                PipelineOptions.defaults(), T0).toBuilder().status(JobStatus.QUEUED).processing(true).build();
    }

    private static List<Tracked> following(CountingQueries queries, int count) {
        return IntStream.range(0, count).mapToObj(n -> {
            Job job = queued(n);
            queries.jobs.put(job.id(), job);
            return Tracked.following(new Item("i" + n, false), job);
        }).toList();
    }

    @Test
    void aPollReadsEveryRunningJobButOnlyTheOldestQueuedOnes() {
        CountingQueries queries = new CountingQueries();
        List<Tracked> items = following(queries, 5000);
        Tracker tracker = new Tracker(queries, TENANT, PIPELINE, items, Clock.systemUTC(), T0);

        Snapshot snapshot = tracker.poll();

        assertEquals(1000, queries.lookups);
        assertEquals(5000, snapshot.queued());
    }

    @Test
    void jobsThatFinishAnywhereInTheQueueAreSeenAsTheWindowMovesOn() {
        CountingQueries queries = new CountingQueries();
        List<Tracked> items = following(queries, 3000);
        Tracker tracker = new Tracker(queries, TENANT, PIPELINE, items, Clock.systemUTC(), T0);
        items.forEach(item -> queries.set(item.job().orElseThrow(), JobStatus.COMPLETED));

        int polls = 0;
        while (!tracker.allSettled() && polls < 10) {
            tracker.poll();
            polls++;
        }

        assertTrue(tracker.allSettled(), "all seen after " + polls + " polls");
        assertEquals(3000, tracker.poll().completed());
        assertTrue(polls <= 3, "the window widens with the pace: " + polls + " polls");
    }

    @Test
    void betweenWindowsAPollReadsNothingAndTakesTheJobsItsEngineSettledAsStored() {
        CountingQueries queries = new CountingQueries();
        List<Tracked> items = following(queries, 5000);
        ChangedJobs changes = new ChangedJobs();
        MutableClock clock = new MutableClock(T0);
        Tracker tracker = new Tracker(queries, TENANT, PIPELINE, items, clock, T0, Optional.of(changes),
                Duration.ofSeconds(1));
        tracker.poll();
        queries.lookups = 0;

        queries.setHere(items.get(4000).job().orElseThrow(), JobStatus.COMPLETED, changes);
        queries.changeHere(items.get(4001).job().orElseThrow(), JobStatus.RUNNING, changes);
        clock.advance(Duration.ofMillis(999));
        Snapshot snapshot = tracker.poll();

        assertEquals(0, queries.lookups, "the settled job is taken as its write stored it");
        assertEquals(1, snapshot.completed());
        assertEquals(4999, snapshot.queued(), "the started job shows with the next window");
    }

    @Test
    void whatOtherProcessesAndTheEnginesOtherChangesDoShowsWithTheNextWindow() {
        CountingQueries queries = new CountingQueries();
        List<Tracked> items = following(queries, 3000);
        ChangedJobs changes = new ChangedJobs();
        MutableClock clock = new MutableClock(T0);
        Tracker tracker = new Tracker(queries, TENANT, PIPELINE, items, clock, T0, Optional.of(changes),
                Duration.ofSeconds(1));
        tracker.poll();
        queries.set(items.get(0).job().orElseThrow(), JobStatus.COMPLETED);
        queries.set(items.get(1).job().orElseThrow(), JobStatus.FAILED);
        queries.changeHere(items.get(2500).job().orElseThrow(), JobStatus.RUNNING, changes);

        Snapshot early = tracker.poll();
        clock.advance(Duration.ofSeconds(1));
        Snapshot due = tracker.poll();

        assertEquals(0, early.completed() + early.failed(), "no news of them before the window is due");
        assertEquals(1, due.completed(), due.toString());
        assertEquals(1, due.failed(), due.toString());
        assertEquals(2997, due.queued(), "a job beyond the window, read because its engine started it, runs");
    }

    @Test
    void withoutNewsOfChangesEveryPollReadsTheWindow() {
        CountingQueries queries = new CountingQueries();
        List<Tracked> items = following(queries, 10);
        MutableClock clock = new MutableClock(T0);
        Tracker tracker = new Tracker(queries, TENANT, PIPELINE, items, clock, T0);
        tracker.poll();

        queries.set(items.get(3).job().orElseThrow(), JobStatus.COMPLETED);

        assertEquals(1, tracker.poll().completed());
    }

    @Test
    void toldWhatItsEngineChangedTheWindowStartsNarrowAndWidensWithThePaceOfOtherProcesses() {
        CountingQueries queries = new CountingQueries();
        List<Tracked> items = following(queries, 3000);
        MutableClock clock = new MutableClock(T0);
        Tracker tracker = new Tracker(queries, TENANT, PIPELINE, items, clock, T0, Optional.of(new ChangedJobs()),
                Duration.ofSeconds(1));
        tracker.poll();
        assertEquals(100, queries.lookups, "a narrow window while nobody else takes the jobs");
        items.forEach(item -> queries.set(item.job().orElseThrow(), JobStatus.COMPLETED));

        int windows = 0;
        while (!tracker.allSettled() && windows < 10) {
            clock.advance(Duration.ofSeconds(1));
            tracker.poll();
            windows++;
        }

        assertTrue(tracker.allSettled(), "all seen after " + windows + " windows");
        assertTrue(windows <= 4, "the window widens with their pace: " + windows + " windows");
    }

    @Test
    void anItemThatSettledIsReportedOnceAndStaysCountedInLaterSnapshots() {
        CountingQueries queries = new CountingQueries();
        List<Tracked> items = following(queries, 3);
        Tracker tracker = new Tracker(queries, TENANT, PIPELINE, items, new MutableClock(T0), T0);
        queries.set(items.get(1).job().orElseThrow(), JobStatus.COMPLETED);

        Snapshot first = tracker.poll();
        Snapshot second = tracker.poll();

        assertEquals(List.of("i1"), first.finished().stream().map(f -> f.item().value()).toList());
        assertEquals(List.of(), second.finished());
        assertEquals(1, second.completed());
        assertEquals(2, second.queued());
    }
}
