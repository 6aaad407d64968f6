package dev.conveyor.adapter.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The standard schedule: 5 s doubling up to an hour between attempts, for 24 h, then dead; each wait shortened by a
 * random share of up to half, so deliveries that failed together are not all tried again at the same instant.
 */
class RetryScheduleTest {

    private static final Instant CREATED = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aRandomDrawShortensEachWaitByUpToHalfSoDeliveriesThatFailedTogetherSpreadOut() {
        RetrySchedule standard = RetrySchedule.standard();

        assertEquals(Optional.of(CREATED.plusSeconds(40)), standard.next(4, CREATED, CREATED, 0.0));
        assertEquals(Optional.of(CREATED.plusSeconds(30)), standard.next(4, CREATED, CREATED, 0.5));
        assertEquals(Optional.of(CREATED.plusSeconds(20)), standard.next(4, CREATED, CREATED, 1.0));
        assertEquals(Optional.of(CREATED.plusSeconds(1800)), standard.next(1_000, CREATED, CREATED, 1.0));
        assertThrows(IllegalArgumentException.class, () -> standard.next(1, CREATED, CREATED, 1.5));
        assertThrows(IllegalArgumentException.class, () -> standard.next(1, CREATED, CREATED, -0.1));
    }

    @Test
    void waitsDoubleFromFiveSecondsUpToAnHour() {
        RetrySchedule standard = RetrySchedule.standard();
        assertEquals(Optional.of(CREATED.plusSeconds(5)), standard.next(1, CREATED, CREATED, 0.0));
        assertEquals(Optional.of(CREATED.plusSeconds(10)), standard.next(2, CREATED, CREATED, 0.0));
        assertEquals(Optional.of(CREATED.plusSeconds(40)), standard.next(4, CREATED, CREATED, 0.0));
        assertEquals(Optional.of(CREATED.plusSeconds(3600)), standard.next(12, CREATED, CREATED, 0.0));
        assertEquals(Optional.of(CREATED.plusSeconds(3600)), standard.next(1_000, CREATED, CREATED, 0.0));
    }

    @Test
    void afterTwentyFourHoursOfFailuresTheDeliveryIsDeadHavingBeenTriedAboutThirtyTimes() {
        RetrySchedule standard = RetrySchedule.standard();
        Instant now = CREATED;
        int attempts = 1;
        Optional<Instant> next = standard.next(attempts, CREATED, now, 0.0);
        while (next.isPresent()) {
            now = next.get();
            attempts++;
            next = standard.next(attempts, CREATED, now, 0.0);
        }
        assertEquals(true, Duration.between(CREATED, now).compareTo(Duration.ofHours(23)) > 0, "tried for ~24 h");
        assertEquals(true, !now.isAfter(CREATED.plus(Duration.ofHours(24))), "never past the window");
        assertEquals(33, attempts);
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new RetrySchedule(Duration.ZERO, Duration.ofHours(1), Duration.ofHours(24)));
        assertThrows(IllegalArgumentException.class,
                () -> new RetrySchedule(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(24)));
    }
}
