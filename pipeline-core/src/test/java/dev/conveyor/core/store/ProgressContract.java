package dev.conveyor.core.store;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.ProgressUpdate;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.UnitPace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.conveyor.core.store.JobBuilder.T0;
import static dev.conveyor.core.store.JobBuilder.aJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In-step progress: frequent, narrow writes by the lease holder that never make a real update stale. */
abstract class ProgressContract extends StoreContractSupport {

    @Test
    void theLeaseHolderSavesProgressOfTheRunningStep() {
        Job job = stored(aJob().runningBy(WORKER_A, T0.plusSeconds(30)));

        boolean saved = store.saveProgress(job.tenant(), job.id(), WORKER_A, progressOf("extract"));

        assertTrue(saved);
        Job found = reload(job);
        StepRecord extract = found.step("extract").orElseThrow();
        assertEquals(3, extract.unitsDone());
        assertEquals(8, extract.unitsTotal());
        assertEquals(0.25, extract.costUsd());
        assertEquals(15, found.progress());
        assertEquals(0.75, found.costUsd());
        assertEquals(Optional.of(T0.plusSeconds(90)), found.estimatedCompletionAt());
    }

    @Test
    void savingProgressKeepsTheVersionAndUpdateTimeSoRealUpdatesStillApply() {
        Job job = stored(aJob().runningBy(WORKER_A, T0.plusSeconds(30)));

        store.saveProgress(job.tenant(), job.id(), WORKER_A, progressOf("extract"));

        Job found = reload(job);
        assertEquals(job.version(), found.version());
        assertEquals(job.updatedAt(), found.updatedAt());
        assertTrue(store.update(found.toBuilder().currentStep(Optional.of("classify")).build()).isPresent());
    }

    @Test
    void anotherWorkerCannotSaveProgress() {
        Job job = stored(aJob().runningBy(WORKER_A, T0.plusSeconds(30)));

        assertFalse(store.saveProgress(job.tenant(), job.id(), WORKER_B, progressOf("extract")));
        assertEquals(job, reload(job));
    }

    @Test
    void progressOfAStepThatIsNotRunningIsRefused() {
        Job job = stored(aJob().runningBy(WORKER_A, T0.plusSeconds(30)));

        assertFalse(store.saveProgress(job.tenant(), job.id(), WORKER_A, progressOf("classify")));
        assertFalse(store.saveProgress(job.tenant(), job.id(), WORKER_A, progressOf("no-such-step")));
        assertEquals(job, reload(job));
    }

    @Test
    void progressOfAJobThatIsNoLongerRunningIsRefused() {
        Job job = stored(aJob().runningBy(WORKER_A, T0.plusSeconds(10)));
        store.requeueExpired(T0.plusSeconds(10));
        Job requeued = reload(job);

        assertFalse(store.saveProgress(job.tenant(), job.id(), WORKER_A, progressOf("extract")));
        assertEquals(JobStatus.QUEUED, requeued.status());
        assertEquals(requeued, reload(job));
    }

    @Test
    void progressOfAnUnknownJobIsRefused() {
        assertFalse(store.saveProgress(JobBuilder.aJob().build().tenant(), JobId.random(), WORKER_A,
                progressOf("extract")));
    }

    @Test
    void theRunningStepsUnitPaceIsSavedWithItsProgressAndKeptWhenTheStepCompletes() {
        Job job = stored(aJob().runningBy(WORKER_A, T0.plusSeconds(30)));
        UnitPace pace = new UnitPace(3, 4.5, 6.875, T0.plusSeconds(12));

        store.saveProgress(job.tenant(), job.id(), WORKER_A, new ProgressUpdate("extract", 3, 8, 0.25, 15, 0.75,
                Optional.of(T0.plusSeconds(90)), T0.plusSeconds(12), Optional.of(pace)));

        Job running = reload(job);
        assertEquals(Optional.of(pace), running.step("extract").orElseThrow().unitPace());
        StepRecord completed = running.step("extract").orElseThrow()
                .complete(T0.plusSeconds(20), Payload.empty(), List.of(), 8, 8, 0.25);
        store.update(running.toBuilder().step(running.indexOf("extract"), completed).build()).orElseThrow();
        assertEquals(Optional.of(pace), reload(job).step("extract").orElseThrow().unitPace());
    }

    static ProgressUpdate progressOf(String step) {
        return new ProgressUpdate(step, 3, 8, 0.25, 15, 0.75, Optional.of(T0.plusSeconds(90)), T0.plusSeconds(12));
    }
}
