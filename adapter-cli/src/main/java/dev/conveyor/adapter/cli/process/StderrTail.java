package dev.conveyor.adapter.cli.process;

import java.util.ArrayDeque;
import java.util.Deque;

/** The last lines a command wrote to stderr: the internal detail of a failure, for the audit log. */
final class StderrTail {

    private static final int MAX_LINE = 500;

    private final int keep;
    private final Deque<String> lines = new ArrayDeque<>();

    StderrTail(int keep) {
        this.keep = keep;
    }

    synchronized void line(String line) {
        if (lines.size() == keep) {
            lines.removeFirst();
        }
        lines.addLast(line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "…" : line);
    }

    synchronized String text() {
        return String.join("\n", lines);
    }
}
