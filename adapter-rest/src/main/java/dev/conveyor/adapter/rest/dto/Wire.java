package dev.conveyor.adapter.rest.dto;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** How values look on the wire: instants as ISO-8601 UTC to the millisecond, money to a millionth of a dollar. */
final class Wire {

    private Wire() {
    }

    static String instant(Optional<Instant> value) {
        return value.map(Wire::instant).orElse(null);
    }

    static String instant(Instant value) {
        return value.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    static double usd(double value) {
        return Math.round(value * 1_000_000.0) / 1_000_000.0;
    }
}
