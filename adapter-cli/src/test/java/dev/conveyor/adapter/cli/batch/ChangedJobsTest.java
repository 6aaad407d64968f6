package dev.conveyor.adapter.cli.batch;

import dev.conveyor.model.AuditEvent;
import dev.conveyor.model.JobId;
import dev.conveyor.model.Payload;
import dev.conveyor.model.TenantId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChangedJobsTest {

    private static final TenantId TENANT = TenantId.of("cli");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static AuditEvent event(JobId job, String type) {
        return new AuditEvent(TENANT, job, type, T0, Payload.empty());
    }

    @Test
    void onlyJobsThatCompletedFailedWereCancelledOrAwaitReviewAreDrainedAsSettled() {
        ChangedJobs changes = new ChangedJobs();
        JobId completed = JobId.random();
        JobId failed = JobId.random();
        JobId cancelled = JobId.random();
        JobId review = JobId.random();
        JobId running = JobId.random();
        changes.record(event(completed, "pipeline_extract_start"));
        changes.record(event(completed, "pipeline_complete"));
        changes.record(event(failed, "pipeline_extract_failed"));
        changes.record(event(failed, "pipeline_failed"));
        changes.record(event(cancelled, "pipeline_cancelled"));
        changes.record(event(review, "pipeline_review_needed"));
        changes.record(event(running, "pipeline_extract_complete"));
        changes.record(event(running, "pipeline_classify_start"));

        assertEquals(Set.of(completed, failed, cancelled, review), Set.copyOf(changes.drainSettled()));
        assertEquals(List.of(), changes.drainSettled(), "each settled job is drained once");
        assertEquals(List.of(running), changes.drainAll(), "the other changes wait for a full drain");
        assertEquals(List.of(), changes.drainAll());
    }

    @Test
    void aChangeAfterADrainWaitsForTheNext() {
        ChangedJobs changes = new ChangedJobs();
        JobId job = JobId.random();
        changes.record(event(job, "pipeline_extract_start"));
        assertEquals(List.of(job), changes.drainAll());

        changes.record(event(job, "pipeline_complete"));

        assertEquals(List.of(job), changes.drainSettled());
    }
}
