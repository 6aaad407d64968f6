package dev.conveyor.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationTextTest {

    @Test
    void readsTheShortFormsAndIso8601() {
        assertEquals(Optional.of(Duration.ofMillis(500)), DurationText.parse("500ms"));
        assertEquals(Optional.of(Duration.ofSeconds(10)), DurationText.parse(" 10s "));
        assertEquals(Optional.of(Duration.ofSeconds(10)), DurationText.parse("10 sec"));
        assertEquals(Optional.of(Duration.ofSeconds(90)), DurationText.parse("1.5m"));
        assertEquals(Optional.of(Duration.ofMinutes(2)), DurationText.parse("2MIN"));
        assertEquals(Optional.of(Duration.ofHours(1)), DurationText.parse("1h"));
        assertEquals(Optional.of(Duration.ofDays(30)), DurationText.parse("30d"));
        assertEquals(Optional.of(Duration.ofSeconds(30)), DurationText.parse("PT30S"));
        assertEquals(Optional.of(Duration.ofDays(7)), DurationText.parse("p7d"));
        assertEquals(Optional.of(Duration.ZERO), DurationText.parse("0s"));
    }

    @Test
    void namesNoDurationForOtherText() {
        assertEquals(Optional.empty(), DurationText.parse("ten seconds"));
        assertEquals(Optional.empty(), DurationText.parse("10"));
        assertEquals(Optional.empty(), DurationText.parse("-5s"));
        assertEquals(Optional.empty(), DurationText.parse("PT-5S"));
        assertEquals(Optional.empty(), DurationText.parse(""));
    }

    @Test
    void aSettingMustHoldAPositiveDurationAndTheErrorNamesIt() {
        assertEquals(Duration.ofSeconds(10), DurationText.positive("CONVEYOR_LEASE", "10s"));
        var bad = assertThrows(IllegalArgumentException.class, () -> DurationText.positive("CONVEYOR_LEASE", "soon"));
        assertEquals("CONVEYOR_LEASE: 'soon' is not a duration; write e.g. " + DurationText.EXAMPLES, bad.getMessage());
        var zero = assertThrows(IllegalArgumentException.class, () -> DurationText.positive("--ttl", "0s"));
        assertTrue(zero.getMessage().startsWith("--ttl: must be more than 0"), zero.getMessage());
    }

    @Test
    void anUnsetOrBlankVariableIsNoSetting() {
        assertEquals(Optional.empty(), DurationText.fromEnvironment(Map.of(), "CONVEYOR_TTL"));
        assertEquals(Optional.empty(), DurationText.fromEnvironment(Map.of("CONVEYOR_TTL", " "), "CONVEYOR_TTL"));
        assertEquals(Optional.of(Duration.ofHours(1)),
                DurationText.fromEnvironment(Map.of("CONVEYOR_TTL", "1h"), "CONVEYOR_TTL"));
    }
}
