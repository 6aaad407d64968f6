package dev.conveyor.adapter.cli.file;

import dev.conveyor.model.DurationText;
import dev.conveyor.pipeline.Estimate;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A step's estimate as written in a pipeline file: {@code 2s} (fixed), {@code 5s per item},
 * {@code 3s per 20 lines}. A per-unit estimate reads its unit count from the job input's key of that
 * unit's plural ({@code lines}); without one, one batch is assumed.
 */
final class EstimateText {

    static final String EXAMPLES = "2s, 5s per item or 3s per 20 lines";

    private static final Pattern PER = Pattern.compile("(.+?)\\s+per\\s+(?:(\\d+)\\s+)?([a-z][a-z_-]*)");

    private EstimateText() {
    }

    static Optional<Estimate> parse(String text) {
        String clean = text.strip().toLowerCase(Locale.ROOT);
        Matcher per = PER.matcher(clean);
        if (per.matches()) {
            Optional<Duration> time = DurationText.parse(per.group(1));
            long count = per.group(2) == null ? 1 : Long.parseLong(per.group(2));
            if (time.isEmpty() || count < 1) {
                return Optional.empty();
            }
            return Optional.of(Estimate.perUnit(time.get(), count, plural(per.group(3))));
        }
        return DurationText.parse(clean).map(Estimate::fixed);
    }

    private static String plural(String unit) {
        return unit.endsWith("s") ? unit : unit + "s";
    }
}
