package dev.conveyor.adapter.cli.file;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in pipeline files and options: {@code 500ms}, {@code 30s}, {@code 1.5m}, {@code 2h}. */
public final class DurationText {

    public static final String EXAMPLES = "500ms, 30s, 1.5m or 2h";

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|sec|m|min|h)");

    private DurationText() {
    }

    /** The duration, or empty when the text is not one. */
    public static Optional<Duration> parse(String text) {
        Matcher m = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        long millisPerUnit = switch (m.group(2)) {
            case "ms" -> 1;
            case "s", "sec" -> 1_000;
            case "m", "min" -> 60_000;
            default -> 3_600_000;
        };
        return Optional.of(Duration.ofMillis(amount.multiply(BigDecimal.valueOf(millisPerUnit)).longValue()));
    }
}
