package dev.conveyor.adapter.postgres;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as operators write them in variables such as {@code CONVEYOR_LEASE}: "500ms", "10s", "2m", "1h". */
public final class DurationText {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");

    private DurationText() {
    }

    /** Parses "500ms", "10s", "2m", "1h" or an ISO-8601 duration such as "PT30S"; must be positive. */
    public static Duration parse(String text) {
        Objects.requireNonNull(text, "duration must not be null");
        String trimmed = text.strip().toLowerCase(java.util.Locale.ROOT);
        Duration duration;
        Matcher m = SHORT.matcher(trimmed);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            duration = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        } else {
            try {
                duration = Duration.parse(trimmed.toUpperCase(java.util.Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "duration must look like 500ms, 10s, 2m, 1h or PT30S, got '" + text + "'", e);
            }
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("duration must be positive, got '" + text + "'");
        }
        return duration;
    }
}
