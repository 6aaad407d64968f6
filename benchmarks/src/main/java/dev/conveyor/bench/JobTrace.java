package dev.conveyor.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One synthetic job: its size, the true seconds each unit of work of each step takes (in order), and the
 * pace it was drawn with (known to the oracle reference only).
 */
record JobTrace(long files, long items, double pace, Map<String, double[]> unitSeconds) {

    JobTrace {
        Objects.requireNonNull(unitSeconds, "unitSeconds must not be null");
        unitSeconds = Map.copyOf(unitSeconds);
    }

    double[] unitSecondsOf(String step) {
        double[] seconds = unitSeconds.get(step);
        if (seconds == null) {
            throw new IllegalArgumentException("the trace has no step '" + step + "'");
        }
        return seconds.clone();
    }

    double totalSeconds() {
        return unitSeconds.values().stream().flatMapToDouble(Arrays::stream).sum();
    }
}
