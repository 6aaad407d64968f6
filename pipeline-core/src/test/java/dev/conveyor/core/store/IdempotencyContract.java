package dev.conveyor.core.store;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.TenantId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.conveyor.core.store.JobBuilder.T0;
import static dev.conveyor.core.store.JobBuilder.aJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tenant's idempotency key names at most one stored job: the first insert under it wins, later ones find it. */
abstract class IdempotencyContract extends StoreContractSupport {

    private static final int RACERS = 16;

    @Test
    void aJobUnderANewKeyIsAddedAndItsEventsKept() {
        Job job = aJob().withIdempotencyKey("order-1", "v1:a").build();

        List<Job> stored = store.insertOrFind(List.of(job), List.of());

        assertEquals(List.of(job.id()), ids(stored));
        assertEquals(job.idempotency(), reload(job).idempotency());
    }

    @Test
    void aSecondJobUnderATakenKeyIsNotAddedAndTheFirstStandsInItsPlace() {
        Job first = aJob().withIdempotencyKey("order-1", "v1:a").build();
        store.insertOrFind(List.of(first), List.of());
        Job second = aJob().withIdempotencyKey("order-1", "v1:b").build();

        List<Job> stored = store.insertOrFind(List.of(second), List.of());

        assertEquals(List.of(first.id()), ids(stored));
        assertEquals("v1:a", stored.getFirst().idempotency().orElseThrow().fingerprint());
        assertEquals(Optional.empty(), store.find(second.tenant(), second.id()));
    }

    @Test
    void aBatchAddsItsNewKeysAndFindsItsTakenOnesInOrder() {
        Job taken = aJob().withIdempotencyKey("b", "v1:b").build();
        store.insertOrFind(List.of(taken), List.of());
        Job a = aJob().withIdempotencyKey("a", "v1:a").build();
        Job b = aJob().withIdempotencyKey("b", "v1:b").build();
        Job keyless = aJob().build();

        List<Job> stored = store.insertOrFind(List.of(a, b, keyless), List.of());

        assertEquals(List.of(a.id(), taken.id(), keyless.id()), ids(stored));
        assertEquals(a, reload(a));
        assertEquals(keyless, reload(keyless));
        assertEquals(Optional.empty(), store.find(b.tenant(), b.id()));
    }

    @Test
    void keysArePerTenant() {
        Job acme = aJob().forTenant("acme").withIdempotencyKey("k", "v1:a").build();
        Job globex = aJob().forTenant("globex").withIdempotencyKey("k", "v1:a").build();

        store.insertOrFind(List.of(acme), List.of());
        List<Job> stored = store.insertOrFind(List.of(globex), List.of());

        assertEquals(List.of(globex.id()), ids(stored));
        assertEquals(globex, store.find(TenantId.of("globex"), globex.id()).orElseThrow());
    }

    @Test
    void aKeyIsFreeAgainOnceItsJobIsDeleted() {
        Job old = aJob().withIdempotencyKey("k", "v1:a").finished(JobStatus.COMPLETED, T0).build();
        store.insertOrFind(List.of(old), List.of());
        assertEquals(1, store.deleteExpired(T0.plusSeconds(3_600), T0, 100));
        Job fresh = aJob().withIdempotencyKey("k", "v1:b").build();

        List<Job> stored = store.insertOrFind(List.of(fresh), List.of());

        assertEquals(List.of(fresh.id()), ids(stored));
        assertEquals(fresh, reload(fresh));
    }

    @Test
    void ofSixteenRacingInsertsUnderOneKeyExactlyOneAddsItsJob() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Job> racers = new ArrayList<>();
            List<Future<Job>> answers = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                Job racer = aJob().withIdempotencyKey("race", "v1:same").build();
                racers.add(racer);
                answers.add(pool.submit(() -> {
                    go.await();
                    return store.insertOrFind(List.of(racer), List.of()).getFirst();
                }));
            }
            go.countDown();
            Set<Job> winners = new HashSet<>();
            for (Future<Job> answer : answers) {
                winners.add(answer.get(30, TimeUnit.SECONDS));
            }

            assertEquals(1, winners.size(), "every racer gets the one job stored under the key");
            Job winner = winners.iterator().next();
            assertTrue(racers.stream().anyMatch(racer -> racer.id().equals(winner.id())));
            long storedRacers = racers.stream().filter(racer -> store.find(racer.tenant(), racer.id()).isPresent())
                    .count();
            assertEquals(1, storedRacers, "only the winner was added");
        } finally {
            pool.shutdownNow();
        }
    }
}
