package dev.conveyor.model;

/** What Conveyor has learned of a step's speed: a moving average of seconds per unit of work. */
public record StepTiming(double secondsPerUnit, long samples) {

    public StepTiming {
        if (!(secondsPerUnit >= 0.0) || Double.isInfinite(secondsPerUnit)) {
            throw new IllegalArgumentException("secondsPerUnit must be a finite number >= 0, got " + secondsPerUnit);
        }
        if (samples < 0) {
            throw new IllegalArgumentException("samples must not be negative, got " + samples);
        }
    }
}
