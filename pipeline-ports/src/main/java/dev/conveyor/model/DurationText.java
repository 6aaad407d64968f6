package dev.conveyor.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in settings ({@code CONVEYOR_LEASE=10s}, {@code --ttl 7d}), options and
 * pipeline files: {@code 500ms}, {@code 30s}, {@code 1.5m}, {@code 2h}, {@code 30d}, or ISO-8601 ({@code PT30S}).
 * The one reader of durations for every executable and adapter.
 */
public final class DurationText {

    /** What to write, for error messages. */
    public static final String EXAMPLES = "500ms, 30s, 1.5m, 2h, 7d or PT30S";

    private static final Pattern FORM = Pattern.compile("(\\d{1,12}(?:\\.\\d{1,9})?)\\s*(ms|s|sec|m|min|h|d)");

    private DurationText() {
    }

    /** The duration the text names (zero included), or empty when it names none. */
    public static Optional<Duration> parse(String text) {
        Objects.requireNonNull(text, "duration text must not be null");
        String clean = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = FORM.matcher(clean);
        if (m.matches()) {
            long millisPerUnit = switch (m.group(2)) {
                case "ms" -> 1;
                case "s", "sec" -> 1_000;
                case "m", "min" -> 60_000;
                case "h" -> 3_600_000;
                default -> 86_400_000;
            };
            return Optional.of(Duration.ofMillis(new BigDecimal(m.group(1))
                    .multiply(BigDecimal.valueOf(millisPerUnit)).longValue()));
        }
        if (!clean.startsWith("p")) {
            return Optional.empty();
        }
        try {
            Duration iso = Duration.parse(clean.toUpperCase(Locale.ROOT));
            return iso.isNegative() ? Optional.empty() : Optional.of(iso);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * A positive duration for the setting {@code name}.
     *
     * @throws IllegalArgumentException naming the setting and saying what to write, when the text is not one
     */
    public static Duration positive(String name, String text) {
        Duration value = parse(text).orElseThrow(() -> new IllegalArgumentException(name + ": '" + text.strip()
                + "' is not a duration; write e.g. " + EXAMPLES));
        if (value.isZero()) {
            throw new IllegalArgumentException(name + ": must be more than 0, got '" + text.strip() + "'");
        }
        return value;
    }

    /** The positive duration the environment variable {@code name} holds, or empty when it is unset or blank. */
    public static Optional<Duration> fromEnvironment(Map<String, String> env, String name) {
        String text = env.get(name);
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(positive(name, text));
    }
}
