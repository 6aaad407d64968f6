package dev.conveyor.core.store;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.TenantId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.conveyor.core.store.JobBuilder.T0;
import static dev.conveyor.core.store.JobBuilder.aJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Insert, find and the optimistic-concurrency update. */
abstract class StoringJobsContract extends StoreContractSupport {

    @Test
    void aNewJobIsFoundAsItWasInserted() {
        Job job = stored(aJob());

        assertEquals(Optional.of(job), store.find(job.tenant(), job.id()));
    }

    @Test
    void everyFieldOfAJobSurvivesTheRoundTrip() {
        Job job = JobFixtures.withEveryFieldSet(aJob().forTenant("acme"));

        store.insert(job);

        Job found = reload(job);
        assertEquals(job.steps(), found.steps(), "steps");
        assertEquals(job.options(), found.options(), "options");
        assertEquals(job.input(), found.input(), "input");
        assertEquals(job, found);
    }

    @Test
    void anUnknownJobIsNotFound() {
        assertEquals(Optional.empty(), store.find(TenantId.of("acme"), JobId.random()));
    }

    @Test
    void insertingAnExistingIdIsRejectedNamingTheId() {
        Job job = stored(aJob());

        var rejected = assertThrows(IllegalStateException.class,
                () -> store.insert(aJob().withId(job.id()).withStatus(JobStatus.QUEUED).build()));

        assertTrue(rejected.getMessage().contains(job.id().toString()), rejected.getMessage());
        assertEquals(job, reload(job), "the first job is untouched");
    }

    @Test
    void anUpdateStoresTheJobWithItsVersionIncrementedByOne() {
        Job job = stored(aJob());
        Job changed = job.toBuilder().progress(25).currentStep(Optional.of("extract")).updatedAt(T0.plusSeconds(1))
                .build();

        Optional<Job> updated = store.update(changed);

        Job expected = changed.toBuilder().version(job.version() + 1).build();
        assertEquals(Optional.of(expected), updated);
        assertEquals(expected, reload(job));
    }

    @Test
    void eachUpdateIncrementsTheVersionAgain() {
        Job job = stored(aJob());

        Job first = store.update(job.toBuilder().progress(10).build()).orElseThrow();
        Job second = store.update(first.toBuilder().progress(20).build()).orElseThrow();

        assertEquals(job.version() + 2, second.version());
        assertEquals(second, reload(job));
    }

    @Test
    void aStaleUpdateIsRejectedAndTheWinnersChangesSurvive() {
        Job job = stored(aJob().queuedAt(T0));
        Job readByWinner = reload(job);
        Job readByLoser = reload(job);

        Job winner = store.update(readByWinner.toBuilder().progress(30).build()).orElseThrow();
        Optional<Job> loser = store.update(readByLoser.toBuilder().cancelRequested(true).build());

        assertEquals(Optional.empty(), loser);
        assertEquals(winner, reload(job));
        assertEquals(job.version() + 1, reload(job).version());
    }

    @Test
    void updatingAJobThatWasNeverInsertedChangesNothing() {
        Job neverStored = aJob().build();

        assertEquals(Optional.empty(), store.update(neverStored));
        assertEquals(Optional.empty(), store.find(neverStored.tenant(), neverStored.id()));
    }

    @Test
    void manyJobsAreFoundTogetherAsTheyAreNowAndOnlyTheTenants() {
        Job a = stored(aJob().forTenant("acme"));
        Job b = stored(aJob().forTenant("acme"));
        Job globex = stored(aJob().forTenant("globex"));
        Job bNow = store.update(b.toBuilder().progress(60).build()).orElseThrow();

        Map<JobId, Job> found = store.findAll(TenantId.of("acme"), List.of(a.id(), b.id(), globex.id(), JobId.random()));

        assertEquals(Map.of(a.id(), a, b.id(), bNow), found);
    }

    @Test
    void moreJobsThanOneStatementTakesAreAllFound() {
        List<Job> jobs = java.util.stream.IntStream.range(0, 2_500).mapToObj(i -> aJob().forTenant("acme").build())
                .toList();
        store.insertAll(jobs);

        Map<JobId, Job> found = store.findAll(TenantId.of("acme"), jobs.stream().map(Job::id).toList());

        assertEquals(2_500, found.size());
        jobs.forEach(job -> assertEquals(job, found.get(job.id())));
    }
}
