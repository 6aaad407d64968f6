package dev.conveyor.adapter.cli.display;

import dev.conveyor.adapter.cli.batch.Display;
import dev.conveyor.adapter.cli.batch.Snapshot;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The terminal display, drawn by the progressbar library: an overall bar (percent, items settled of total,
 * throughput, ETA, done and failed) and under it a bar per step, counting the items past it and those in it.
 */
public final class LiveDisplay implements Display {

    private static final int REDRAW_MILLIS = 200;

    private final PrintStream out;
    private final int width;
    private final AtomicReference<Optional<Duration>> eta = new AtomicReference<>(Optional.empty());
    private ProgressBar overall;
    private final Map<String, ProgressBar> steps = new LinkedHashMap<>();

    /** @param width the terminal width, or 0 to ask the terminal */
    public LiveDisplay(PrintStream out, int width) {
        this.out = out;
        this.width = width;
    }

    @Override
    public void begin(String headline, Snapshot first) {
        out.println(headline);
        out.flush();
        int nameWidth = first.steps().stream().mapToInt(String::length).max().orElse(0) + 2;
        nameWidth = Math.max(nameWidth, first.pipeline().length());
        overall = bar(pad(first.pipeline(), nameWidth), first.total(), first.alreadyDone())
                .showSpeed().setUnit(" items", 1).setEtaFunction(state -> eta.get()).build();
        for (String step : first.steps()) {
            steps.put(step, bar(pad("  " + step, nameWidth), first.total(), 0).hideEta().build());
        }
        update(first);
    }

    private ProgressBarBuilder bar(String name, int total, long startFrom) {
        return new ProgressBarBuilder().setTaskName(name).setInitialMax(total)
                .setStyle(ProgressBarStyle.UNICODE_BLOCK).setUpdateIntervalMillis(REDRAW_MILLIS)
                .startsFrom(startFrom, Duration.ZERO)
                .setConsumer(new InteractiveConsoleProgressBarConsumer(out, width > 0 ? width : -1));
    }

    @Override
    public void update(Snapshot s) {
        eta.set(s.eta());
        overall.stepTo(s.settled());
        overall.setExtraMessage(" · done " + (s.completed() + s.alreadyDone()) + ", failed " + (s.failed() + s.notStarted())
                + (s.awaitingReview() > 0 ? ", review " + s.awaitingReview() : "")
                + (s.costUsd() > 0 ? ", " + Formats.cost(s.costUsd()) : ""));
        for (Map.Entry<String, ProgressBar> step : steps.entrySet()) {
            int in = s.running().getOrDefault(step.getKey(), 0);
            step.getValue().stepTo(s.passed().getOrDefault(step.getKey(), 0));
            step.getValue().setExtraMessage(String.format(Locale.ROOT, "%-12s", in == 0 ? "" : in + " running"));
        }
    }

    @Override
    public void end(Snapshot last) {
        update(last);
        List<ProgressBar> all = new ArrayList<>();
        all.add(overall);
        all.addAll(steps.values());
        all.forEach(ProgressBar::close);
        out.flush();
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
