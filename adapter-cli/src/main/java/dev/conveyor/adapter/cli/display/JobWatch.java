package dev.conveyor.adapter.cli.display;

import dev.conveyor.adapter.cli.terminal.Terminal;
import dev.conveyor.model.ProgressView;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Follows one job until it stops processing: a progress bar on a terminal, otherwise a timestamped line
 * each time what is shown changes.
 */
public final class JobWatch {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final Terminal terminal;
    private final Duration interval;
    private final Object wake = new Object();
    private volatile boolean stopped;

    public JobWatch(Terminal terminal, Duration interval) {
        this.terminal = terminal;
        this.interval = interval;
    }

    public void stop() {
        stopped = true;
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** @return true when the job stopped processing, false when the watch was interrupted */
    public boolean follow(Supplier<ProgressView> read) {
        ProgressView view = read.get();
        Optional<ProgressBar> bar = terminal.interactive() ? Optional.of(new ProgressBarBuilder()
                .setTaskName(view.status()).setInitialMax(100).setStyle(ProgressBarStyle.UNICODE_BLOCK)
                .setUpdateIntervalMillis(200).hideEta()
                .setConsumer(new InteractiveConsoleProgressBarConsumer(terminal.out(),
                        terminal.width() > 0 ? terminal.width() : -1)).build()) : Optional.empty();
        String last = "";
        try {
            while (true) {
                String line = ProgressText.oneLine(view);
                if (bar.isPresent()) {
                    show(bar.get(), view);
                } else if (!line.equals(last)) {
                    terminal.out().println(TIME.format(terminal.clock().instant().atZone(zone())) + " " + line);
                    terminal.out().flush();
                }
                last = line;
                if (!view.isProcessing()) {
                    return true;
                }
                if (!pause()) {
                    return false;
                }
                view = read.get();
            }
        } finally {
            bar.ifPresent(ProgressBar::close);
        }
    }

    private static void show(ProgressBar bar, ProgressView view) {
        bar.stepTo(view.pipelineProgress());
        bar.setExtraMessage(view.currentStep().map(s -> "step " + s).orElse(view.status())
                + view.estimatedRemainingSeconds().map(s -> ", ETA " + Formats.duration(Duration.ofSeconds(s))).orElse("")
                + view.statusDetail().map(detail -> ", " + detail).orElse(""));
    }

    private boolean pause() {
        synchronized (wake) {
            if (!stopped) {
                try {
                    wake.wait(Math.max(1, interval.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return !stopped;
    }

    private ZoneId zone() {
        return terminal.clock().getZone();
    }
}
