package dev.conveyor.adapter.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When a failed delivery is tried again: after {@code first}, doubling up to {@code longest} between attempts, for
 * {@code window} from the delivery's creation; past that it is dead. Each wait is shortened by a random share of up
 * to {@link #JITTER}: deliveries that failed together, while a receiver was down, are then tried again spread out
 * rather than all at the instant it comes back. The default, 5 s doubling up to 1 h for 24 h, makes about 30 to 45
 * attempts.
 */
public record RetrySchedule(Duration first, Duration longest, Duration window) {

    public RetrySchedule {
        Objects.requireNonNull(first, "first must not be null");
        Objects.requireNonNull(longest, "longest must not be null");
        Objects.requireNonNull(window, "window must not be null");
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0 || window.compareTo(first) < 0) {
            throw new IllegalArgumentException("retry schedule needs 0 < first <= longest and first <= window, got "
                    + first + ", " + longest + ", " + window);
        }
    }

    public static RetrySchedule standard() {
        return new RetrySchedule(Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(24));
    }

    /** The largest share of a wait that the random draw takes off. */
    static final double JITTER = 0.5;

    /**
     * When to try again after failed attempt number {@code attempts} (1 for the first), or empty: give up.
     *
     * @param draw a uniform random number in [0, 1]: 0 waits the whole doubled time, 1 half of it
     */
    Optional<Instant> next(int attempts, Instant created, Instant now, double draw) {
        if (!(draw >= 0.0 && draw <= 1.0)) {
            throw new IllegalArgumentException("draw must be in [0, 1], got " + draw);
        }
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        Duration wait = first.multipliedBy(1L << Math.min(doublings, 20));
        if (wait.compareTo(longest) > 0) {
            wait = longest;
        }
        wait = Duration.ofMillis(Math.round(wait.toMillis() * (1.0 - JITTER * draw)));
        Instant at = now.plus(wait);
        return at.isAfter(created.plus(window)) ? Optional.empty() : Optional.of(at);
    }
}
