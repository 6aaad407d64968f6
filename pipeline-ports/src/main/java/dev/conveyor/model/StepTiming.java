package dev.conveyor.model;

import java.util.Objects;

/**
 * What Conveyor has learned of a step's speed: a moving average of seconds per unit of work, and how the runs'
 * durations spread around what was expected of them (so a step running past its usual time is given the
 * remainder such runs took, and said to be taking longer than usual), and how fast its units usually go within a
 * run ({@link UnitReference}).
 */
public record StepTiming(double secondsPerUnit, long samples, DurationSpread spread, UnitReference units) {

    public StepTiming {
        if (!(secondsPerUnit >= 0.0) || Double.isInfinite(secondsPerUnit)) {
            throw new IllegalArgumentException("secondsPerUnit must be a finite number >= 0, got " + secondsPerUnit);
        }
        if (samples < 0) {
            throw new IllegalArgumentException("samples must not be negative, got " + samples);
        }
        Objects.requireNonNull(spread, "spread must not be null (use DurationSpread.NONE)");
        Objects.requireNonNull(units, "units must not be null (use UnitReference.NONE)");
    }

    /** A learned speed and spread, with nothing known of its units' speed within a run. */
    public StepTiming(double secondsPerUnit, long samples, DurationSpread spread) {
        this(secondsPerUnit, samples, spread, UnitReference.NONE);
    }

    /** A learned speed whose spread is not known yet. */
    public StepTiming(double secondsPerUnit, long samples) {
        this(secondsPerUnit, samples, DurationSpread.NONE);
    }
}
