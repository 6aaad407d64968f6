package dev.conveyor.adapter.cli.process;

import dev.conveyor.model.UserError;
import dev.conveyor.pipeline.StepContext;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a command tells Conveyor on its stdout, one line each: {@code progress 3/10}, {@code cost 0.003},
 * {@code warn TEXT} (a partial result), {@code error CODE TEXT} (the user-facing reason for a non-zero exit),
 * {@code review ID CONFIDENCE LABEL} (ask a human). Every other line is the step's output.
 */
final class OutputProtocol {

    private static final Pattern PROGRESS = Pattern.compile("progress\\s+(\\d{1,18})\\s*/\\s*(\\d{1,18})\\s*");
    private static final Pattern COST = Pattern.compile("cost\\s+(\\d+(?:\\.\\d+)?(?:[eE]-?\\d+)?)\\s*");
    private static final Pattern WARN = Pattern.compile("warn\\s+(.+)");
    private static final Pattern ERROR = Pattern.compile("error\\s+([a-z][a-z0-9_]{0,63})\\s+(.+)");
    private static final Pattern REVIEW = Pattern.compile("review\\s+(\\S+)\\s+(\\d*\\.?\\d+)\\s+(.+)");

    private final StepContext context;
    private final int maxOutput;
    private final StringBuilder output = new StringBuilder();
    private volatile UserError declaredError;
    private boolean truncated;

    OutputProtocol(StepContext context, int maxOutput) {
        this.context = context;
        this.maxOutput = maxOutput;
    }

    void line(String line) {
        boolean understood;
        try {
            understood = apply(line.strip());
        } catch (IllegalArgumentException e) {
            understood = false;
        }
        if (!understood) {
            append(line);
        }
    }

    private boolean apply(String line) {
        Matcher m;
        if ((m = PROGRESS.matcher(line)).matches()) {
            context.progress(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        } else if ((m = COST.matcher(line)).matches()) {
            context.addCost(Double.parseDouble(m.group(1)));
        } else if ((m = WARN.matcher(line)).matches()) {
            context.warn(m.group(1).strip());
        } else if ((m = ERROR.matcher(line)).matches()) {
            declaredError = UserError.of(m.group(1), m.group(2).strip());
        } else if ((m = REVIEW.matcher(line)).matches() && Double.parseDouble(m.group(2)) <= 1.0) {
            context.requestReview(m.group(1), Double.parseDouble(m.group(2)), m.group(3).strip());
        } else {
            return false;
        }
        return true;
    }

    private synchronized void append(String line) {
        if (output.length() + line.length() + 1 > maxOutput) {
            truncated = true;
            return;
        }
        output.append(line).append('\n');
    }

    /** The lines that were not protocol, without the last newline. */
    synchronized String output() {
        int end = output.length();
        while (end > 0 && output.charAt(end - 1) == '\n') {
            end--;
        }
        return output.substring(0, end);
    }

    synchronized boolean truncated() {
        return truncated;
    }

    Optional<UserError> declaredError() {
        return Optional.ofNullable(declaredError);
    }
}
