package dev.conveyor.core.eta;

/**
 * The knobs of the {@link EtaEstimator}. The {@link #defaults()} (50 units, 10 %, 0.18) were chosen with the ETA
 * accuracy study ({@code dev.conveyor.bench.EtaAccuracyStudy}) on tuning seeds 7–12, never on the seed it
 * reports; each sits on a flat stretch of its error curve there.
 *
 * @param priorUnits   how many units of its own the running step must show before its observed rate weighs
 *                     as much as the assumed one (0 trusts the observed rate at once)
 * @param overrunShare the share of its elapsed time a step that outran its estimate is still given
 * @param paceSpread   how much jobs' paces (slower or faster than learned, on every step) differ, as a standard
 *                     deviation in log terms: the prior the job's own pace is weighed against (see
 *                     {@link JobPace}); 0 ignores the job's pace
 */
public record EtaTuning(double priorUnits, double overrunShare, double paceSpread) {

    public static final double DEFAULT_PRIOR_UNITS = 50.0;
    public static final double DEFAULT_OVERRUN_SHARE = 0.1;
    public static final double DEFAULT_PACE_SPREAD = 0.18;

    public EtaTuning {
        requireFiniteNonNegative("priorUnits", priorUnits);
        requireFiniteNonNegative("overrunShare", overrunShare);
        requireFiniteNonNegative("paceSpread", paceSpread);
    }

    public static EtaTuning defaults() {
        return new EtaTuning(DEFAULT_PRIOR_UNITS, DEFAULT_OVERRUN_SHARE, DEFAULT_PACE_SPREAD);
    }

    public EtaTuning withPriorUnits(double value) {
        return new EtaTuning(value, overrunShare, paceSpread);
    }

    public EtaTuning withOverrunShare(double value) {
        return new EtaTuning(priorUnits, value, paceSpread);
    }

    public EtaTuning withPaceSpread(double value) {
        return new EtaTuning(priorUnits, overrunShare, value);
    }

    /** The job's own pace is ignored: every step is expected at its learned speed. */
    public EtaTuning ignoringJobPace() {
        return withPaceSpread(0.0);
    }

    private static void requireFiniteNonNegative(String name, double value) {
        if (!(value >= 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
        }
    }
}
