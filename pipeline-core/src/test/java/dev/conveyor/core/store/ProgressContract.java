package dev.conveyor.core.store;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.ProgressUpdate;
import dev.conveyor.model.StepRecord;
import org.junit.jupiter.api.Test;

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

    static ProgressUpdate progressOf(String step) {
        return new ProgressUpdate(step, 3, 8, 0.25, 15, 0.75, Optional.of(T0.plusSeconds(90)), T0.plusSeconds(12));
    }
}
