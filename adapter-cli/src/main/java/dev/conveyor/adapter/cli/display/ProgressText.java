package dev.conveyor.adapter.cli.display;

import dev.conveyor.model.ProgressView;
import dev.conveyor.model.StepStatus;

import java.io.PrintStream;
import java.time.Duration;
import java.util.stream.Stream;

/** One job's progress view as text: status, percent, ETA and cost, then a line per step. */
public final class ProgressText {

    private ProgressText() {
    }

    public static void print(ProgressView view, String pipeline, String item, PrintStream out) {
        out.println("job " + view.jobId() + "  " + pipeline + (item.isBlank() ? "" : "  " + item));
        out.println(oneLine(view));
        int width = view.steps().stream().mapToInt(s -> s.name().length()).max().orElse(4);
        for (ProgressView.StepView step : view.steps()) {
            String units = step.unitsTotal().map(total -> step.unitsDone().orElse(0L) + "/" + total
                    + (step.status() == StepStatus.RUNNING ? view.unit().map(u -> " " + u).orElse("") : "")).orElse("");
            out.printf("  %s %-" + width + "s  %-9s %s%n", mark(step.status()), step.name(), step.status().wireName(),
                    String.join("  ", Stream.of(units,
                            step.durationMs().map(ms -> Formats.duration(Duration.ofMillis(ms))).orElse(""))
                            .filter(part -> !part.isEmpty()).toList()));
        }
        view.error().ifPresent(e -> out.println("error: [" + e.code() + "] " + e.message()));
        out.flush();
    }

    /** {@code classifying 62% | step classify | ETA 4.0 s (taking longer than usual) | cost $0.0012}. */
    public static String oneLine(ProgressView view) {
        StringBuilder line = new StringBuilder(view.status()).append(' ').append(view.pipelineProgress()).append('%');
        view.currentStep().ifPresent(step -> line.append(" | step ").append(step));
        if (view.isProcessing()) {
            line.append(" | ETA ").append(view.estimatedRemainingSeconds()
                    .map(s -> Formats.duration(Duration.ofSeconds(s))).orElse("?"));
            view.statusDetail().ifPresent(detail -> line.append(" (").append(detail).append(')'));
        }
        if (view.costSoFarUsd() > 0) {
            line.append(" | cost ").append(Formats.cost(view.costSoFarUsd()));
        }
        return line.toString();
    }

    private static String mark(StepStatus status) {
        return switch (status) {
            case COMPLETED -> "✓";
            case FAILED -> "✗";
            case RUNNING -> "▸";
            case SKIPPED -> "-";
            case PENDING -> "·";
        };
    }
}
