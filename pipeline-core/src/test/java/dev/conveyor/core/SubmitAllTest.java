package dev.conveyor.core;

import dev.conveyor.core.support.Harness;
import dev.conveyor.core.support.SeedSteps;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.port.in.Outcome;
import dev.conveyor.port.in.Rejection;
import dev.conveyor.port.in.SubmitJob;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.conveyor.core.support.Harness.ACME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Submitting many jobs at once: one outcome per item, in order; a bad item is refused alone. */
class SubmitAllTest {

    private static SubmitJob documents(String file) {
        return SubmitJob.startNow(ACME, "documents", Payload.of("file", file));
    }

    @Test
    void aBadItemIsRefusedAloneAndTheGoodOnesAreStoredInOneBatch() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock).build())) {
            SubmitJob unknownPipeline = SubmitJob.startNow(ACME, "nope", Payload.of("file", "b"));
            SubmitJob noInput = SubmitJob.startNow(ACME, "documents", Payload.empty());

            List<Outcome<Job>> outcomes = h.conveyor.submitAll(List.of(documents("a"), unknownPipeline, noInput,
                    documents("d")));

            assertEquals(4, outcomes.size());
            assertEquals("a", outcomes.get(0).orElseThrow().input().getString("file", ""));
            assertEquals(h.conveyor.submit(unknownPipeline), outcomes.get(1), "the same refusal submit gives");
            assertEquals(h.conveyor.submit(noInput), outcomes.get(2), "the same refusal submit gives");
            assertEquals("d", outcomes.get(3).orElseThrow().input().getString("file", ""));
            assertEquals(List.of(2), h.store.insertAllSizes(), "the good items go to the store in one call");
            for (int i : new int[] {0, 3}) {
                Job job = outcomes.get(i).orElseThrow();
                assertEquals(JobStatus.QUEUED, job.status());
                assertEquals(Optional.of(job), h.conveyor.job(ACME, job.id()));
            }
        }
    }

    @Test
    void everyAcceptedJobIsAuditedAsQueuedAndRunsToTheEnd() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock).build())) {
            List<Outcome<Job>> outcomes = h.conveyor.submitAll(List.of(documents("a"), documents("b"),
                    documents("c")));

            assertEquals(3, h.auditTypes().stream().filter(type -> type.equals("pipeline_queued")).count(),
                    h.auditTypes().toString());
            assertEquals(3, h.drain());
            for (Outcome<Job> outcome : outcomes) {
                assertEquals(JobStatus.COMPLETED, h.job(outcome.orElseThrow().id()).status());
            }
        }
    }

    @Test
    void anInvalidOptionIsRefusedWithTheMessageSubmitGives() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock).build())) {
            SubmitJob badStart = new SubmitJob(ACME, "documents", Payload.of("file", "x"),
                    PipelineOptions.defaults().withStartFrom("nowhere"), true);

            List<Outcome<Job>> outcomes = h.conveyor.submitAll(List.of(badStart, documents("y")));

            Rejection why = assertInstanceOf(Outcome.Rejected.class, outcomes.get(0)).rejection();
            assertEquals(Rejection.Reason.INVALID, why.reason());
            assertTrue(why.message().startsWith("options.start_from names no step"), why.message());
            assertTrue(outcomes.get(1).isAccepted());
        }
    }

    @Test
    void jobsSubmittedWithoutStartAreStoredCreatedAndNotAudited() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock).build())) {
            List<Outcome<Job>> outcomes = h.conveyor.submitAll(List.of(
                    new SubmitJob(ACME, "documents", Payload.empty(), PipelineOptions.defaults(), false)));

            assertEquals(JobStatus.CREATED, h.job(outcomes.getFirst().orElseThrow().id()).status());
            assertEquals(List.of(), h.auditTypes());
        }
    }

    @Test
    void anEmptyBatchStoresNothing() {
        try (Harness h = Harness.of(clock -> new SeedSteps(clock).build())) {
            assertEquals(List.of(), h.conveyor.submitAll(List.of()));
            assertEquals(List.of(), h.store.insertAllSizes());
        }
    }
}
