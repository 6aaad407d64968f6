package dev.conveyor.pipeline;

import dev.conveyor.model.Payload;

import java.time.Duration;
import java.util.Objects;

/**
 * What a step is expected to take before anything has been learned about it: a fixed time
 * ("validation ~1 s"), a time per unit of work ("~5 s per file", "~3 s per 20 items"), or nothing.
 * Conveyor refines these with the durations it observes.
 */
public sealed interface Estimate {

    /** The number of units of work this step has for a job with {@code input}. */
    long unitsFor(Payload input);

    /** The expected seconds for one unit of work. */
    double secondsPerUnit();

    static Estimate fixed(Duration duration) {
        return new Fixed(duration);
    }

    /** {@code time} for every {@code per} units; the job input's {@code unitsKey} holds the unit count. */
    static Estimate perUnit(Duration time, long per, String unitsKey) {
        return new PerUnit(time, per, unitsKey);
    }

    static Estimate unknown() {
        return Unknown.INSTANCE;
    }

    record Fixed(Duration duration) implements Estimate {
        public Fixed {
            Objects.requireNonNull(duration, "estimate duration must not be null");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("estimate duration must not be negative, got " + duration);
            }
        }

        @Override
        public long unitsFor(Payload input) {
            return 1;
        }

        @Override
        public double secondsPerUnit() {
            return duration.toNanos() / 1e9;
        }
    }

    /** When the input lacks {@code unitsKey}, the step is assumed to have one batch of {@code per} units. */
    record PerUnit(Duration time, long per, String unitsKey) implements Estimate {
        public PerUnit {
            Objects.requireNonNull(time, "estimate time must not be null");
            Objects.requireNonNull(unitsKey, "estimate units key must not be null");
            if (time.isNegative()) {
                throw new IllegalArgumentException("estimate time must not be negative, got " + time);
            }
            if (per < 1) {
                throw new IllegalArgumentException("estimate 'per' must be at least 1, got " + per);
            }
        }

        @Override
        public long unitsFor(Payload input) {
            return input.countOf(unitsKey).orElse(per);
        }

        @Override
        public double secondsPerUnit() {
            return time.toNanos() / 1e9 / per;
        }
    }

    /** Nothing is known until the step has run once. */
    enum Unknown implements Estimate {
        INSTANCE;

        @Override
        public long unitsFor(Payload input) {
            return 1;
        }

        @Override
        public double secondsPerUnit() {
            return Double.NaN;
        }
    }
}
