package dev.conveyor.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One synthetic job: its size, the true seconds each unit of work of each step takes (in order), the pace it
 * was drawn with (known to the oracle reference only), and the steps that report no units as they go.
 */
record JobTrace(long files, long items, double pace, Map<String, double[]> unitSeconds, Set<String> silent) {

    JobTrace {
        Objects.requireNonNull(unitSeconds, "unitSeconds must not be null");
        unitSeconds = Map.copyOf(unitSeconds);
        silent = Set.copyOf(silent);
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
