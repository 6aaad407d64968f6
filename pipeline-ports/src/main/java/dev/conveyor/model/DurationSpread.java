package dev.conveyor.model;

import java.util.Arrays;

/**
 * How a step's durations spread around what was expected of them: a decayed histogram of the ratio
 * {@code actual / expected} over fixed buckets, half an octave wide from 0.25 to 11.3 (the two outer buckets are
 * open). It answers, by arithmetic alone, what a running step's total should be given how long it has already
 * run, and how unusual that time is.
 *
 * <p>An immutable value, equal to another of the same weights. The ETA of every running job reads its steps'
 * spreads at each of its transitions and polls, far more often than a spread is made (once per step run learned,
 * and per row read), so what depends on the weights alone (their sum, mean, log mean, variances and the quantiles
 * the ETA reads) is worked out once, when it is made.
 */
public final class DurationSpread {

    /** Bucket {@code i} spans the ratios from {@code EDGES[i - 1]} to {@code EDGES[i]}. */
    private static final double[] EDGES = edges();
    public static final int BUCKETS = EDGES.length + 1;
    /**
     * Each bucket's bounds, in tables as long as the buckets, so the loops over the buckets read them with no test
     * of which bucket is an outer one: read from EDGES behind such a test, the JIT compiled those loops to check
     * first that EDGES had an index one past its end, which failed on their first run and had each of them
     * compiled again.
     */
    private static final double[] LOWS = lows();
    private static final double[] HIGHS = highs();
    /**
     * The logarithm of each bucket's middle, which the log mean and variances sum over: worked out once here
     * rather than in every loop, as the ETA reads those at each step transition of every job.
     */
    private static final double[] LOG_MIDDLES = logMiddles();
    /** The upper quartile of the standard normal distribution. */
    private static final double QUARTILE_Z = 0.6744897501960817;
    /** How many widths from the median the body of the runs reaches: a normal distribution's all but 0.3 %. */
    private static final double BODY_REACH = 3.0;
    /** A bucket's width in log terms: half an octave. */
    private static final double BUCKET_LOG_WIDTH = Math.log(2.0) / 2.0;
    /**
     * The shares whose quantiles are worked out when a spread is made: the quartiles, which {@link
     * #bodyLogVariance()} reads and the ETA takes as a step's typical run, and the 95th percentile, which the ETA
     * reads at every transition and poll to tell a usual run from an overrun. Each is exactly what {@link
     * #quantile} works out for its share.
     */
    private static final double[] KEPT_QUANTILES = {0.25, 0.5, 0.75, 0.95};
    /** Nothing known yet. */
    public static final DurationSpread NONE = new DurationSpread(new double[BUCKETS]);

    private final double[] weights;
    private final double total;
    private final double mean;
    private final double logMean;
    private final double logVariance;
    private final double bodyLogVariance;
    /** The quantiles at {@link #KEPT_QUANTILES}, in that order. */
    private final double[] keptQuantiles;

    /**
     * @param weights the decayed number of runs per bucket, {@link #BUCKETS} of them; all zero when nothing is
     *                known
     */
    public DurationSpread(double[] weights) {
        if (weights == null || weights.length != BUCKETS) {
            throw new IllegalArgumentException("a duration spread has " + BUCKETS + " bucket weights, got "
                    + (weights == null ? "none" : weights.length));
        }
        this.weights = weights.clone();
        double sum = 0.0;
        for (double weight : this.weights) {
            if (!(weight >= 0.0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("bucket weights must be finite numbers >= 0, got " + weight);
            }
            sum += weight;
        }
        this.total = sum;
        this.mean = meanOf(this.weights, total);
        this.logMean = logMeanOf(this.weights, total);
        this.logVariance = logVarianceOf(this.weights, total, logMean);
        this.keptQuantiles = new double[KEPT_QUANTILES.length];
        for (int i = 0; i < KEPT_QUANTILES.length; i++) {
            keptQuantiles[i] = quantileAbove(0.0, KEPT_QUANTILES[i]);
        }
        this.bodyLogVariance = bodyLogVarianceOf();
    }

    /** A log-normal spread of the given width around 1, worth {@code runs} runs. */
    public static DurationSpread logNormal(double sigma, double runs) {
        double[] weights = new double[BUCKETS];
        double total = 0.0;
        for (int i = 0; i < BUCKETS; i++) {
            double above = i == BUCKETS - 1 ? 1.0 : cdf(Math.log(EDGES[i]) / sigma);
            double below = i == 0 ? 0.0 : cdf(Math.log(EDGES[i - 1]) / sigma);
            weights[i] = Math.max(0.0, above - below);
            total += weights[i];
        }
        for (int i = 0; i < BUCKETS; i++) {
            weights[i] *= runs / total;
        }
        return new DurationSpread(weights);
    }

    /** The decayed number of runs per bucket (a copy). */
    public double[] weights() {
        return weights.clone();
    }

    public boolean isEmpty() {
        return total <= 0.0;
    }

    /** This spread with every weight times {@code keep}, then one run of {@code ratio} added. */
    public DurationSpread decayedWith(double ratio, double keep) {
        double[] next = new double[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            next[i] = weights[i] * keep;
        }
        if (Double.isFinite(ratio) && ratio >= 0.0) {
            next[bucketOf(ratio)] += 1.0;
        }
        return new DurationSpread(next);
    }

    /** The mean ratio; 1 when nothing is known. */
    public double mean() {
        return mean;
    }

    private static double meanOf(double[] weights, double total) {
        if (total <= 0.0) {
            return 1.0;
        }
        double sum = 0.0;
        for (int i = 0; i < BUCKETS; i++) {
            sum += weights[i] * middle(i);
        }
        return sum / total;
    }

    /** The decayed number of runs behind this spread. */
    public double runs() {
        return total;
    }

    /** The mean of the ratios' logarithms (each bucket taken at its log middle); 0 when nothing is known. */
    public double logMean() {
        return logMean;
    }

    private static double logMeanOf(double[] weights, double total) {
        if (total <= 0.0) {
            return 0.0;
        }
        double sum = 0.0;
        for (int i = 0; i < BUCKETS; i++) {
            sum += weights[i] * LOG_MIDDLES[i];
        }
        return sum / total;
    }

    /**
     * The variance of the ratios' logarithms, less the share that bucketing adds (Sheppard's correction, a
     * bucket's width squared over 12); 0 when nothing is known.
     */
    public double logVariance() {
        return logVariance;
    }

    private static double logVarianceOf(double[] weights, double total, double mean) {
        if (total <= 0.0) {
            return 0.0;
        }
        double sum = 0.0;
        for (int i = 0; i < BUCKETS; i++) {
            double deviation = LOG_MIDDLES[i] - mean;
            sum += weights[i] * deviation * deviation;
        }
        return Math.max(0.0, sum / total - BUCKET_LOG_WIDTH * BUCKET_LOG_WIDTH / 12.0);
    }

    /**
     * The variance of the ratios' logarithms over the body of the runs: those within {@link #BODY_REACH} widths of
     * the median, a width being what the middle half of the runs spans over a normal distribution's (which the
     * buckets make at least the variance itself), less what bucketing adds as in {@link #logVariance()}, and never
     * above it. A few rare overruns, which {@link #logVariance()} counts by the square of their distance, lie
     * beyond it; 0 when nothing is known.
     */
    public double bodyLogVariance() {
        return bodyLogVariance;
    }

    /** {@link #bodyLogVariance()}, once the other figures are worked out. */
    private double bodyLogVarianceOf() {
        if (isEmpty()) {
            return 0.0;
        }
        double centre = Math.log(quantile(0.5));
        double reach = BODY_REACH * (Math.log(quantile(0.75)) - Math.log(quantile(0.25))) / (2.0 * QUARTILE_Z);
        double mass = 0.0;
        double sum = 0.0;
        double squares = 0.0;
        for (int i = 0; i < BUCKETS; i++) {
            double log = LOG_MIDDLES[i];
            if (Math.abs(log - centre) <= reach) {
                mass += weights[i];
                sum += weights[i] * log;
                squares += weights[i] * log * log;
            }
        }
        if (mass <= 0.0) {
            return 0.0;
        }
        double mean = sum / mass;
        return Math.min(logVariance, Math.max(0.0, squares / mass - mean * mean - BUCKET_LOG_WIDTH
                * BUCKET_LOG_WIDTH / 12.0));
    }

    /** The ratio below which a share {@code p} of runs ended, interpolated in log terms within a bucket. */
    public double quantile(double p) {
        for (int i = 0; i < KEPT_QUANTILES.length; i++) {
            if (KEPT_QUANTILES[i] == p) {
                return keptQuantiles[i];
            }
        }
        return quantileAbove(0.0, p);
    }

    /**
     * The ratio below which a share {@code p} of the runs that lasted past {@code ratio} ended (a bucket it falls in
     * counts for its share above, log-uniformly); NaN when no run ever lasted that long.
     */
    public double quantileAbove(double ratio, double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            return Double.NaN;
        }
        double mass = 0.0;
        for (int i = 0; i < BUCKETS; i++) {
            mass += weights[i] * shareAbove(i, ratio);
        }
        if (mass <= 0.0) {
            return Double.NaN;
        }
        double target = p * mass;
        double seen = 0.0;
        for (int i = 0; i < BUCKETS; i++) {
            double above = weights[i] * shareAbove(i, ratio);
            if (above > 0.0 && seen + above >= target) {
                double from = Math.log(Math.max(low(i), ratio));
                double share = (target - seen) / above;
                return Math.exp(from + share * (Math.log(high(i)) - from));
            }
            seen += above;
        }
        return high(BUCKETS - 1);
    }

    /** The share of bucket {@code i}, taken as log-uniform, that lies above {@code ratio}. */
    private static double shareAbove(int i, double ratio) {
        if (high(i) <= ratio) {
            return 0.0;
        }
        if (low(i) >= ratio) {
            return 1.0;
        }
        return (Math.log(high(i)) - Math.log(ratio)) / (Math.log(high(i)) - Math.log(low(i)));
    }

    private static int bucketOf(double ratio) {
        int i = 0;
        while (i < EDGES.length && ratio >= EDGES[i]) {
            i++;
        }
        return i;
    }

    private static double low(int i) {
        return LOWS[i];
    }

    private static double high(int i) {
        return HIGHS[i];
    }

    /** Each bucket's lower bound: the lowest bucket's is half an octave below the lowest edge. */
    private static double[] lows() {
        double[] lows = new double[EDGES.length + 1];
        lows[0] = EDGES[0] / Math.sqrt(2.0);
        System.arraycopy(EDGES, 0, lows, 1, EDGES.length);
        return lows;
    }

    /** Each bucket's upper bound: the highest bucket's is half an octave above the highest edge. */
    private static double[] highs() {
        double[] highs = Arrays.copyOf(EDGES, EDGES.length + 1);
        highs[EDGES.length] = EDGES[EDGES.length - 1] * Math.sqrt(2.0);
        return highs;
    }

    private static double[] logMiddles() {
        double[] logs = new double[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            logs[i] = Math.log(middle(i));
        }
        return logs;
    }

    private static double middle(int i) {
        return Math.sqrt(low(i) * high(i));
    }

    private static double[] edges() {
        double[] edges = new double[12];
        for (int k = 0; k < edges.length; k++) {
            edges[k] = Math.pow(2.0, (k - 4) / 2.0);
        }
        return edges;
    }

    /** The standard normal distribution function (Abramowitz and Stegun 26.2.17, error below 7.5e-8). */
    private static double cdf(double x) {
        double t = 1.0 / (1.0 + 0.2316419 * Math.abs(x));
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        double tail = Math.exp(-x * x / 2.0) / Math.sqrt(2.0 * Math.PI) * poly;
        return x >= 0 ? 1.0 - tail : tail;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DurationSpread that && Arrays.equals(weights, that.weights);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "DurationSpread" + Arrays.toString(weights);
    }
}
