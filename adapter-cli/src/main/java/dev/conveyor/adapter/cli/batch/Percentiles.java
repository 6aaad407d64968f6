package dev.conveyor.adapter.cli.batch;

import java.util.List;
import java.util.Optional;

/** Nearest-rank percentiles: the smallest value with at least p % of the values at or below it. */
final class Percentiles {

    private Percentiles() {
    }

    static Optional<Long> of(List<Long> values, int percent) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return Optional.of(sorted[Math.max(0, rank - 1)]);
    }
}
