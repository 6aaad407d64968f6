package dev.conveyor.adapter.cli.display;

import dev.conveyor.adapter.cli.batch.Display;
import dev.conveyor.adapter.cli.batch.Snapshot;
import dev.conveyor.adapter.cli.terminal.Terminal;

import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Progress for logs and pipes: timestamped lines, never redraws. A line per item that fails (every item with
 * {@code verbose}), and a progress line every {@code interval}.
 */
public final class PlainDisplay implements Display {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final Terminal terminal;
    private final PrintStream out;
    private final Duration interval;
    private final boolean verbose;
    private Duration lastLine = Duration.ZERO;

    public PlainDisplay(Terminal terminal, PrintStream out, Duration interval, boolean verbose) {
        this.terminal = terminal;
        this.out = out;
        this.interval = interval;
        this.verbose = verbose;
    }

    @Override
    public void begin(String headline, Snapshot first) {
        line(headline);
    }

    @Override
    public void update(Snapshot snapshot) {
        for (Snapshot.Finished item : snapshot.finished()) {
            boolean bad = !item.outcome().equals("completed");
            if (bad || verbose) {
                String why = item.error().map(e -> " [" + e.code() + "] " + e.message()).orElse("");
                line(item.outcome() + " " + Formats.item(terminal, item.item()) + why);
            }
            for (String warning : item.warnings()) {
                line("warning " + Formats.item(terminal, item.item()) + " " + warning);
            }
        }
        if (snapshot.elapsed().minus(lastLine).compareTo(interval) >= 0) {
            lastLine = snapshot.elapsed();
            line(progress(snapshot));
        }
    }

    @Override
    public void end(Snapshot last) {
        update(last);
        line(progress(last));
    }

    static String progress(Snapshot s) {
        List<String> parts = new ArrayList<>();
        parts.add(s.percent() + "% " + s.settled() + "/" + s.total());
        parts.add(s.completed() + s.alreadyDone() + " done, " + (s.failed() + s.notStarted()) + " failed"
                + (s.cancelled() > 0 ? ", " + s.cancelled() + " cancelled" : "")
                + (s.awaitingReview() > 0 ? ", " + s.awaitingReview() + " awaiting review" : ""));
        parts.add(Formats.rate(s.throughput()) + " items/s");
        if (s.settled() < s.total()) {
            parts.add("ETA " + s.eta().map(Formats::duration).orElse("?"));
        }
        List<String> steps = new ArrayList<>();
        s.running().forEach((step, count) -> {
            if (count > 0) {
                steps.add(step + " " + count);
            }
        });
        if (!steps.isEmpty()) {
            parts.add("running: " + String.join(", ", steps));
        }
        return String.join(" | ", parts);
    }

    private void line(String text) {
        out.println(TIME.format(terminal.clock().instant().atZone(zone())) + " " + text);
        out.flush();
    }

    private ZoneId zone() {
        return terminal.clock().getZone();
    }
}
