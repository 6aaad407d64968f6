package dev.conveyor.core.eta;

/**
 * The knobs of the {@link EtaEstimator}. The {@link #defaults()} (50 units, 10 %, 50 units) were chosen with
 * the ETA accuracy study ({@code dev.conveyor.bench.EtaAccuracyStudy}) on tuning seeds 7–10, never on the
 * seed it reports; each sits on a flat stretch of its error curve there.
 *
 * @param priorUnits   how many units of its own the running step must show before its observed rate weighs
 *                     as much as the assumed one (0 trusts the observed rate at once)
 * @param overrunShare the share of its elapsed time a step that outran its estimate is still given
 * @param paceUnits    how many units a job must have shown before its own pace (slower or faster than
 *                     learned) is believed halfway, in log terms, for the steps still to run; infinity
 *                     ignores the job's pace
 */
public record EtaTuning(double priorUnits, double overrunShare, double paceUnits) {

    public static final double DEFAULT_PRIOR_UNITS = 50.0;
    public static final double DEFAULT_OVERRUN_SHARE = 0.1;
    public static final double DEFAULT_PACE_UNITS = 50.0;

    public EtaTuning {
        requireNonNegative("priorUnits", priorUnits, false);
        requireNonNegative("overrunShare", overrunShare, false);
        requireNonNegative("paceUnits", paceUnits, true);
    }

    public static EtaTuning defaults() {
        return new EtaTuning(DEFAULT_PRIOR_UNITS, DEFAULT_OVERRUN_SHARE, DEFAULT_PACE_UNITS);
    }

    public EtaTuning withPriorUnits(double value) {
        return new EtaTuning(value, overrunShare, paceUnits);
    }

    public EtaTuning withOverrunShare(double value) {
        return new EtaTuning(priorUnits, value, paceUnits);
    }

    public EtaTuning withPaceUnits(double value) {
        return new EtaTuning(priorUnits, overrunShare, value);
    }

    /** The job's own pace is ignored: every step is expected at its learned speed. */
    public EtaTuning ignoringJobPace() {
        return withPaceUnits(Double.POSITIVE_INFINITY);
    }

    private static void requireNonNegative(String name, double value, boolean infinityAllowed) {
        if (!(value >= 0.0) || (Double.isInfinite(value) && !infinityAllowed)) {
            throw new IllegalArgumentException(name + " must be a " + (infinityAllowed ? "" : "finite ")
                    + "number >= 0, got " + value);
        }
    }
}
