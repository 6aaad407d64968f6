package dev.conveyor.core.store;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static dev.conveyor.core.store.JobBuilder.T0;
import static dev.conveyor.core.store.JobBuilder.aJob;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** One run at a time: {@code startIfIdle} lets exactly one of many racing starters through. */
abstract class AtomicStartContract extends StoreContractSupport {

    private static final int RACERS = 16;
    private static final int ROUNDS = 200;

    @Test
    void anIdleJobIsStartedWithItsVersionIncremented() {
        Job job = stored(aJob());

        Optional<Job> started = store.startIfIdle(startedCopyOf(job));

        Job expected = startedCopyOf(job).toBuilder().version(job.version() + 1).build();
        assertEquals(Optional.of(expected), started);
        assertEquals(expected, reload(job));
    }

    @Test
    void aJobThatIsAlreadyProcessingIsNotStartedAgain() {
        Job job = stored(aJob().queuedAt(T0));

        Optional<Job> started = store.startIfIdle(startedCopyOf(job));

        assertEquals(Optional.empty(), started);
        assertEquals(job, reload(job));
    }

    @Test
    void aStartFromAStaleReadIsRefused() {
        Job job = stored(aJob());
        store.update(job.toBuilder().progress(5).build()).orElseThrow();

        assertEquals(Optional.empty(), store.startIfIdle(startedCopyOf(job)));
        assertEquals(JobStatus.CREATED, reload(job).status());
    }

    @Test
    void aJobWhoseRunStoppedCanBeStartedAgain() {
        Job job = stored(aJob().finished(JobStatus.FAILED, T0));

        Optional<Job> restarted = store.startIfIdle(startedCopyOf(job));

        assertEquals(JobStatus.QUEUED, restarted.orElseThrow().status());
        assertEquals(restarted.get(), reload(job));
    }

    @Test
    void ofSixteenThreadsStartingTheSameJobExactlyOneWinsEveryTime() throws Exception {
        try (Race race = new Race(RACERS)) {
            for (int round = 0; round < ROUNDS; round++) {
                Job job = stored(aJob().createdAt(T0.plusSeconds(round)));
                Job start = startedCopyOf(job);

                long winners = race.run(runner -> store.startIfIdle(start)).stream()
                        .filter(Optional::isPresent).count();

                assertEquals(1, winners, "winners in round " + round);
                assertEquals(job.version() + 1, reload(job).version(), "version after round " + round);
            }
        }
    }

    private static Job startedCopyOf(Job job) {
        return job.toBuilder().status(JobStatus.QUEUED).processing(true).updatedAt(T0.plusSeconds(1))
                .startedAt(Optional.of(T0.plusSeconds(1))).finishedAt(Optional.empty()).build();
    }
}
