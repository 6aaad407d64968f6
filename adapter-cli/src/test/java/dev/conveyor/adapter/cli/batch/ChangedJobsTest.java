package dev.conveyor.adapter.cli.batch;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.TenantId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChangedJobsTest {

    private static final TenantId TENANT = TenantId.of("cli");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static Job job(JobStatus status, long version) {
        return Job.create(JobId.random(), TENANT, "p", List.of("only"), Payload.empty(), PipelineOptions.defaults(), T0)
                .toBuilder().status(status).processing(!status.isFinished() && status != JobStatus.AWAITING_REVIEW)
                .version(version).build();
    }

    private static Job as(Job job, JobStatus status, long version) {
        return job.toBuilder().status(status)
                .processing(!status.isFinished() && status != JobStatus.AWAITING_REVIEW).version(version).build();
    }

    @Test
    void onlyJobsStoredCompletedFailedCancelledOrAwaitingReviewAreDrainedAsSettled() {
        ChangedJobs changes = new ChangedJobs();
        Job completed = job(JobStatus.COMPLETED, 3);
        Job failed = job(JobStatus.FAILED, 3);
        Job cancelled = job(JobStatus.CANCELLED, 2);
        Job review = job(JobStatus.AWAITING_REVIEW, 2);
        Job running = job(JobStatus.RUNNING, 2);
        JobId claimed = JobId.random();
        List.of(completed, failed, cancelled, review, running).forEach(changes::stored);
        changes.changed(claimed);

        assertEquals(Set.of(completed, failed, cancelled, review), Set.copyOf(changes.drainSettled()));
        assertEquals(List.of(), changes.drainSettled(), "each settled job is drained once");
        assertEquals(Set.of(running.id(), claimed), Set.copyOf(changes.drainAll()),
                "the other changes wait for a full drain");
        assertEquals(List.of(), changes.drainAll());
    }

    @Test
    void theNewestWriteOfAJobWinsWhateverOrderItIsToldIn() {
        ChangedJobs changes = new ChangedJobs();
        Job running = job(JobStatus.RUNNING, 2);
        Job completed = as(running, JobStatus.COMPLETED, 3);
        changes.stored(completed);
        changes.stored(running);
        changes.changed(running.id());

        assertEquals(List.of(completed), changes.drainSettled());
    }

    @Test
    void aChangeAfterADrainWaitsForTheNext() {
        ChangedJobs changes = new ChangedJobs();
        Job running = job(JobStatus.RUNNING, 2);
        changes.changed(running.id());
        assertEquals(List.of(running.id()), changes.drainAll());

        Job completed = as(running, JobStatus.COMPLETED, 3);
        changes.stored(completed);

        assertEquals(List.of(completed), changes.drainSettled());
    }
}
