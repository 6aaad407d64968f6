package dev.conveyor.adapter.cli.display;

import dev.conveyor.adapter.cli.batch.Item;
import dev.conveyor.adapter.cli.terminal.Terminal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Small formatting rules shared by the displays and tables. */
public final class Formats {

    private Formats() {
    }

    /** A file item relative to the working directory when it is under it; a text item as it is. */
    public static String item(Terminal terminal, Item item) {
        return item.file() ? terminal.show(Path.of(item.value())) : item.value();
    }

    public static String duration(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
    }

    public static String millis(Optional<Long> millis) {
        return millis.map(m -> duration(Duration.ofMillis(m))).orElse("-");
    }

    public static String rate(double perSecond) {
        return String.format(Locale.ROOT, perSecond >= 100 ? "%.0f" : "%.1f", perSecond);
    }

    public static String cost(double usd) {
        if (usd == 0) {
            return "$0";
        }
        return usd >= 1 ? String.format(Locale.ROOT, "$%.2f", usd) : String.format(Locale.ROOT, "$%.4f", usd);
    }

    public static String plural(long count, String noun) {
        return count + " " + (count == 1 ? noun : noun + "s");
    }
}
