package dev.conveyor.model;

/**
 * What runs of a step have shown of its units' speed, as {@link UnitPace} reads it: the usual mean log seconds
 * per unit of a run, and how much one unit's log varies within a run (so that {@code n} units of a run tell the
 * job's pace within {@code withinVariance / n}).
 *
 * @param logMean        the usual mean log seconds per unit of a run
 * @param withinVariance the usual variance of a unit's log within one run
 * @param runs           the decayed number of runs behind these; 0 when nothing is known
 */
public record UnitReference(double logMean, double withinVariance, double runs) {

    public static final UnitReference NONE = new UnitReference(0.0, 0.0, 0.0);

    public UnitReference {
        if (!Double.isFinite(logMean) || !(withinVariance >= 0.0) || Double.isInfinite(withinVariance)
                || !(runs >= 0.0) || Double.isInfinite(runs)) {
            throw new IllegalArgumentException("a unit reference needs a finite log mean, variance >= 0 and runs "
                    + ">= 0, got " + logMean + ", " + withinVariance + ", " + runs);
        }
    }

    public boolean isEmpty() {
        return runs <= 0.0;
    }
}
