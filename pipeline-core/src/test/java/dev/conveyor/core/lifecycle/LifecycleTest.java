package dev.conveyor.core.lifecycle;

import dev.conveyor.model.JobStatus;
import dev.conveyor.model.StepStatus;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LifecycleTest {

    @Test
    void theSeedLifecycleIsAllowed() {
        assertTrue(Lifecycle.isAllowed(JobStatus.CREATED, JobStatus.QUEUED));
        assertTrue(Lifecycle.isAllowed(JobStatus.QUEUED, JobStatus.RUNNING));
        assertTrue(Lifecycle.isAllowed(JobStatus.RUNNING, JobStatus.AWAITING_REVIEW));
        assertTrue(Lifecycle.isAllowed(JobStatus.AWAITING_REVIEW, JobStatus.QUEUED));
        assertTrue(Lifecycle.isAllowed(JobStatus.RUNNING, JobStatus.COMPLETED));
        assertTrue(Lifecycle.isAllowed(JobStatus.FAILED, JobStatus.QUEUED));
    }

    @Test
    void aJobCannotSkipTheQueueOrLeaveAFinishedStateExceptForANewRun() {
        assertFalse(Lifecycle.isAllowed(JobStatus.CREATED, JobStatus.RUNNING));
        assertFalse(Lifecycle.isAllowed(JobStatus.COMPLETED, JobStatus.RUNNING));
        assertFalse(Lifecycle.isAllowed(JobStatus.AWAITING_REVIEW, JobStatus.COMPLETED));
        assertFalse(Lifecycle.isAllowed(JobStatus.CANCELLED, JobStatus.FAILED));
    }

    @Test
    void aBrokenTransitionNamesBothStates() {
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                () -> Lifecycle.check(StepStatus.PENDING, StepStatus.COMPLETED));

        assertEquals("PENDING", e.from());
        assertEquals("COMPLETED", e.to());
        assertTrue(e.getMessage().contains("step cannot go from PENDING to COMPLETED"));
    }

    @Test
    void everyStateHasAWayOnExceptThatCompletedStepsOnlyResetForANewRun() {
        for (JobStatus from : JobStatus.values()) {
            assertTrue(java.util.Arrays.stream(JobStatus.values()).anyMatch(to -> Lifecycle.isAllowed(from, to)), from::name);
        }
        assertTrue(Lifecycle.isAllowed(StepStatus.COMPLETED, StepStatus.PENDING));
        assertFalse(Lifecycle.isAllowed(StepStatus.COMPLETED, StepStatus.RUNNING));
    }
}
