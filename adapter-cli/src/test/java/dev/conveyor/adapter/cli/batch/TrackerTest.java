package dev.conveyor.adapter.cli.batch;

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
}
