package dev.conveyor.bench;

import java.util.List;
import java.util.Locale;

/**
 * How often each estimator said 0 seconds were left (what {@code estimated_remaining_seconds} shows as 0)
 * while the job still had work: asked at every stored state of a running job and at every hundredth of its
 * true duration.
 */
final class ZeroReads {

    private final List<String> estimators;
    private final int[] zeros;
    private int moments;

    ZeroReads(List<String> estimators) {
        this.estimators = List.copyOf(estimators);
        this.zeros = new int[estimators.size()];
    }

    void add(double[] estimates) {
        moments++;
        for (int e = 0; e < estimates.length; e++) {
            if (Double.isFinite(estimates[e]) && estimates[e] <= 0.0) {
                zeros[e]++;
            }
        }
    }

    int zeros(int estimator) {
        return zeros[estimator];
    }

    int moments() {
        return moments;
    }

    String format() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "moments with work left where the ETA read 0 (of %d)%n", moments));
        for (int e = 0; e < estimators.size(); e++) {
            out.append(String.format(Locale.ROOT, "%-30s%9d%n", estimators.get(e), zeros[e]));
        }
        return out.toString();
    }
}
