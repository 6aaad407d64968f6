package dev.conveyor.core.hooks;

import dev.conveyor.model.NotificationEvent;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The audit events the engine writes name the notification events a store's outbox derives from them. */
class NotificationEventsTest {

    @Test
    void theJobLevelAuditTypesTellTheirNotificationEvents() {
        assertEquals(Optional.of(NotificationEvent.REVIEW_NEEDED), NotificationEvent.ofAuditType(AuditTypes.REVIEW_NEEDED));
        assertEquals(Optional.of(NotificationEvent.COMPLETED), NotificationEvent.ofAuditType(AuditTypes.COMPLETE));
        assertEquals(Optional.of(NotificationEvent.FAILED), NotificationEvent.ofAuditType(AuditTypes.FAILED));
    }

    @Test
    void aStepStallTellsStalledWithItsStep() {
        String type = AuditTypes.stepStalled("ocr_pages");
        assertEquals(Optional.of(NotificationEvent.STALLED), NotificationEvent.ofAuditType(type));
        assertEquals(Optional.of("ocr_pages"), NotificationEvent.stalledStep(type));
    }

    @Test
    void stepEventsAndOtherJobEventsTellNothing() {
        for (String type : new String[] {AuditTypes.stepFailed("extract"), AuditTypes.stepComplete("extract"),
                AuditTypes.CANCELLED, AuditTypes.STARTED, AuditTypes.QUEUED, AuditTypes.LEASE_LOST}) {
            assertEquals(Optional.empty(), NotificationEvent.ofAuditType(type), type);
        }
    }
}
