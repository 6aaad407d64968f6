package dev.conveyor.adapter.cli.display;

import dev.conveyor.adapter.cli.batch.Summary;
import dev.conveyor.adapter.cli.terminal.Terminal;
import dev.conveyor.model.JobId;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The table printed at the end of a run: counts, per-step timings (p50/p95), failures grouped by error
 * code with the items affected, warnings, and the total cost.
 */
public final class SummaryText {

    private static final int MAX_ITEMS_PER_GROUP = 20;

    private final Terminal terminal;
    private final boolean sharedStore;
    private final Map<JobId, String> details;

    /**
     * @param sharedStore whether the jobs outlive this process (then an interrupted run can be resumed)
     * @param details     the internal detail of failures (stderr tails), shown with --verbose; empty otherwise
     */
    public SummaryText(Terminal terminal, boolean sharedStore, Map<JobId, String> details) {
        this.terminal = terminal;
        this.sharedStore = sharedStore;
        this.details = Map.copyOf(details);
    }

    public void print(Summary s, PrintStream out) {
        out.println();
        out.println(headline(s));
        out.println();
        printSteps(s, out);
        if (!s.failures().isEmpty()) {
            out.println();
            out.println("Failures by error code:");
            for (Summary.FailureGroup group : s.failures()) {
                out.println("  " + group.code() + " (" + Formats.plural(group.items().size(), "item") + "): "
                        + group.message());
                group.items().stream().limit(MAX_ITEMS_PER_GROUP).forEach(item -> {
                    out.println("    " + Formats.item(terminal, item.item()) + item.job().map(id -> "  (job " + id + ")")
                            .orElse(""));
                    item.job().flatMap(id -> Optional.ofNullable(details.get(id)))
                            .ifPresent(detail -> detail.lines().forEach(line -> out.println("        " + line)));
                });
                if (group.items().size() > MAX_ITEMS_PER_GROUP) {
                    out.println("    … and " + (group.items().size() - MAX_ITEMS_PER_GROUP) + " more");
                }
            }
        }
        if (!s.warnings().isEmpty()) {
            out.println();
            out.println("Warnings (" + s.warnings().size() + "):");
            s.warnings().stream().limit(MAX_ITEMS_PER_GROUP).forEach(w -> out.println("  "
                    + Formats.item(terminal, w.item()) + "  " + w.step() + ": " + w.message()));
            if (s.warnings().size() > MAX_ITEMS_PER_GROUP) {
                out.println("  … and " + (s.warnings().size() - MAX_ITEMS_PER_GROUP) + " more");
            }
        }
        out.println();
        out.println("Total cost: " + Formats.cost(s.costUsd()));
        if (s.interrupted()) {
            out.println();
            out.println(sharedStore
                    ? "Interrupted: " + Formats.plural(s.unfinished(), "unfinished item") + " left resumable. Run the "
                    + "same command again to resume them."
                    : "Interrupted: " + Formats.plural(s.unfinished(), "unfinished item") + " not done. Jobs in memory "
                    + "end with this process; use --db to make runs resumable.");
        }
        out.flush();
    }

    private static String headline(Summary s) {
        List<String> counts = new ArrayList<>();
        counts.add(s.completed() + " completed");
        counts.add(s.failed() + " failed");
        if (s.alreadyDone() > 0) {
            counts.add(s.alreadyDone() + " already completed");
        }
        if (s.cancelled() > 0) {
            counts.add(s.cancelled() + " cancelled");
        }
        if (s.awaitingReview() > 0) {
            counts.add(s.awaitingReview() + " awaiting review");
        }
        if (s.unfinished() > 0) {
            counts.add(s.unfinished() + " unfinished");
        }
        return s.pipeline() + ": " + Formats.plural(s.items(), "item") + " in " + Formats.duration(s.elapsed()) + " ("
                + Formats.rate(s.itemsPerSecond()) + " items/s): " + String.join(", ", counts);
    }

    private static void printSteps(Summary s, PrintStream out) {
        int width = Math.max(4, s.steps().stream().mapToInt(step -> step.name().length()).max().orElse(4));
        String format = "  %-" + width + "s %7s %7s %9s %9s%n";
        out.printf(format, "step", "ran", "failed", "p50", "p95");
        for (Summary.StepStats step : s.steps()) {
            out.printf(format, step.name(), step.ran(), step.failed(), Formats.millis(step.p50Ms()),
                    Formats.millis(step.p95Ms()));
        }
    }
}
