package dev.conveyor.adapter.cli.command;

import dev.conveyor.adapter.cli.batch.Display;
import dev.conveyor.adapter.cli.batch.Summary;
import dev.conveyor.adapter.cli.display.LiveDisplay;
import dev.conveyor.adapter.cli.display.PlainDisplay;
import dev.conveyor.adapter.cli.display.SummaryJson;
import dev.conveyor.adapter.cli.display.SummaryText;
import dev.conveyor.adapter.cli.terminal.Terminal;
import dev.conveyor.model.JobId;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Map;

/** How a batch shows itself: live bars on a terminal, timestamped lines elsewhere, the summary as text or JSON. */
final class OutputOptions {

    @Option(names = "--json", description = "Print the summary as JSON on stdout (progress lines go to stderr).")
    boolean json;

    @Option(names = "--plain", description = "Timestamped progress lines even on a terminal.")
    boolean plain;

    @Option(names = "--quiet", description = "No progress while running; only the summary.")
    boolean quiet;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "5s",
            description = "How often a progress line is printed when not on a terminal. Default: ${DEFAULT-VALUE}.")
    Duration interval;

    Display display(Terminal terminal, boolean verbose) {
        if (quiet) {
            return Display.NONE;
        }
        if (json) {
            return new PlainDisplay(terminal, terminal.err(), interval, verbose);
        }
        if (terminal.interactive() && !plain) {
            return new LiveDisplay(terminal.out(), terminal.width());
        }
        return new PlainDisplay(terminal, terminal.out(), interval, verbose);
    }

    void print(Summary summary, Terminal terminal, boolean sharedStore, Map<JobId, String> details) {
        if (json) {
            new SummaryJson(terminal).print(summary, terminal.out());
        } else {
            new SummaryText(terminal, sharedStore, details).print(summary, terminal.out());
        }
    }
}
