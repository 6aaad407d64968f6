package dev.conveyor.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How fast one run of a step got through its units, as it reported them: every report that brought new units
 * adds, for each of those units, the log of the seconds per unit since the report before, around a centre
 * between what the step's units usually take and what this run's took so far: a log more than
 * {@link #OUTLIER_ABOVE} above it counts as the centre itself (one unit ten times slower than the others, a dense
 * file or a retried call, says nothing of the job's pace, while many ordinary ones say much), and one more than
 * {@link #CLIP_BELOW} below it counts as that far. Kept with the running step and with the
 * finished step, so that the job's pace is read from its row alone.
 *
 * @param units      the units the logs cover
 * @param logSum     the sum of their logs of seconds per unit
 * @param logSquares the sum of those logs squared (what the spread within one run is learned from)
 * @param at         when the last of them was reported
 */
public record UnitPace(long units, double logSum, double logSquares, Instant at) {

    /**
     * How far above the centre one report's log may lie before it is taken as an outlier and counted as the
     * centre: a unit ten times slower than usual lies about 2.3 above, while a run's ordinary units, slow or
     * fast throughout, lie well within 1. Counting it as the centre rather than at a bound keeps the share of
     * outliers in a run, which varies by chance, out of its mean.
     */
    public static final double OUTLIER_ABOVE = 1.0;
    /** How far below the centre one report's log may count: fast units are rarely outliers. */
    public static final double CLIP_BELOW = 1.5;
    /**
     * How many units of the step's usual log the centre is worth against this run's own: the centre follows a
     * run that is slow or fast throughout, so its ordinary units are not cut as outliers.
     */
    public static final double CENTRE_UNITS = 2.0;

    public UnitPace {
        Objects.requireNonNull(at, "at must not be null");
        if (units < 0) {
            throw new IllegalArgumentException("units must not be negative, got " + units);
        }
        if (!Double.isFinite(logSum) || !(logSquares >= 0.0) || Double.isInfinite(logSquares)) {
            throw new IllegalArgumentException("log sums must be finite (squares >= 0), got " + logSum + ", "
                    + logSquares);
        }
    }

    /** Nothing reported yet by a run that started at {@code start}. */
    public static UnitPace startedAt(Instant start) {
        return new UnitPace(0, 0.0, 0.0, start);
    }

    /**
     * This pace after a report of {@code unitsDone} units in all at {@code now}; the same when no new unit came
     * (or the clock went back). {@code usualLog} is the step's usual log seconds per unit, NaN when unknown (the
     * log is then taken as it is).
     */
    public UnitPace reported(long unitsDone, Instant now, double usualLog) {
        long added = unitsDone - units;
        Duration between = Duration.between(at, now);
        double seconds = between.getSeconds() + between.getNano() / 1e9;
        if (added <= 0 || !(seconds > 0.0)) {
            return added < 0 ? new UnitPace(unitsDone, 0.0, 0.0, now) : this;
        }
        double log = Math.log(seconds / added);
        if (!Double.isNaN(usualLog)) {
            double centre = (CENTRE_UNITS * usualLog + logSum) / (CENTRE_UNITS + units);
            log = log > centre + OUTLIER_ABOVE ? centre : Math.max(centre - CLIP_BELOW, log);
        }
        return new UnitPace(unitsDone, logSum + added * log, logSquares + added * log * log, now);
    }

    /** The mean log seconds per unit; NaN before any unit. */
    public double logMean() {
        return units > 0 ? logSum / units : Double.NaN;
    }

    /** The variance of the units' logs within this run; NaN below two units. */
    public double logVariance() {
        if (units < 2) {
            return Double.NaN;
        }
        double mean = logSum / units;
        return Math.max(0.0, (logSquares - units * mean * mean) / (units - 1));
    }
}
