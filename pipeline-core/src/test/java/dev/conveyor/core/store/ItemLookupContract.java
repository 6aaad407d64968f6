package dev.conveyor.core.store;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.TenantId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.conveyor.core.store.JobBuilder.T0;
import static dev.conveyor.core.store.JobBuilder.aJob;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Finding, for a batch of items, the newest job each already has: what a re-run resumes from. */
abstract class ItemLookupContract extends StoreContractSupport {

    private static final TenantId ACME = TenantId.of("acme");

    private Job storedFor(String item, Instant createdAt) {
        return stored(aJob().forTenant("acme").withInput(Payload.of(Job.ITEM, item, "n", 1)).createdAt(createdAt));
    }

    @Test
    void eachItemGetsItsNewestJobAndItemsWithoutOneAreAbsent() {
        storedFor("a.txt", T0);
        Job newerA = storedFor("a.txt", T0.plusSeconds(5));
        storedFor("a.txt", T0.plusSeconds(2));
        Job b = storedFor("b.txt", T0.plusSeconds(1));

        Map<String, Job> newest = store.newestByItem(ACME, "documents", List.of("a.txt", "b.txt", "c.txt"));

        assertEquals(Map.of("a.txt", newerA, "b.txt", b), newest);
    }

    @Test
    void theJobIsReadAsItIsNow() {
        Job job = storedFor("a.txt", T0);
        Job failed = store.update(job.toBuilder().status(JobStatus.FAILED).updatedAt(T0.plusSeconds(3)).build())
                .orElseThrow();

        assertEquals(Map.of("a.txt", failed), store.newestByItem(ACME, "documents", List.of("a.txt")));
    }

    @Test
    void onlyTheTenantsJobsOfThatPipelineCount() {
        Job mine = storedFor("a.txt", T0);
        stored(aJob().forTenant("globex").withInput(Payload.of(Job.ITEM, "a.txt")).createdAt(T0.plusSeconds(9)));
        stored(aJob().forTenant("acme").forPipeline("invoices").withInput(Payload.of(Job.ITEM, "a.txt"))
                .createdAt(T0.plusSeconds(9)));
        stored(aJob().forTenant("acme").withInput(Payload.of("file", "a.txt")).createdAt(T0.plusSeconds(9)));

        assertEquals(Map.of("a.txt", mine), store.newestByItem(ACME, "documents", List.of("a.txt")));
        assertEquals(Map.of(), store.newestByItem(TenantId.of("initech"), "documents", List.of("a.txt")));
    }

    @Test
    void jobsSubmittedTogetherAreFoundTogether() {
        List<Job> batch = IntStream.range(0, 1_000)
                .mapToObj(i -> aJob().forTenant("acme").withInput(Payload.of(Job.ITEM, "item-" + i))
                        .createdAt(T0.plusMillis(i)).build())
                .toList();
        store.insertAll(batch);

        Map<String, Job> newest = store.newestByItem(ACME, "documents",
                batch.stream().map(job -> job.input().getString(Job.ITEM, "")).toList());

        assertEquals(1_000, newest.size());
        batch.forEach(job -> assertEquals(job, newest.get(job.input().getString(Job.ITEM, ""))));
    }

    @Test
    void aDeletedJobIsNoLongerFound() {
        Job old = stored(aJob().forTenant("acme").withInput(Payload.of(Job.ITEM, "a.txt")).createdAt(T0)
                .finished(JobStatus.COMPLETED, T0.plusSeconds(1)));

        store.deleteExpired(T0.plusSeconds(60), T0, 1_000);

        assertEquals(Map.of(), store.newestByItem(ACME, "documents", List.of("a.txt")), "deleted: " + old.id());
    }
}
