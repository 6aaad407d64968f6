package dev.conveyor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How far a pipeline's recent ETAs could be trusted: for each checkpoint (25, 50 and 75 % of a run's actual
 * duration), the mean absolute percentage error of the remaining time the job showed then, over recent completed
 * runs.
 *
 * <p>The means are decayed: each run weighs {@code max(}{@value #ALPHA}{@code , 1/samples)}, so the first runs
 * make a plain mean and later ones weigh about as much as the last 19 runs, as the learned step speeds do.
 *
 * @param samples           the completed runs behind the means (all of them, not only the recent ones)
 * @param meanErrorsPercent the mean absolute percentage error at each of {@link #CHECKPOINTS}, in that order;
 *                          empty when {@code samples} is 0
 */
public record EtaAccuracy(long samples, List<Double> meanErrorsPercent) {

    /** The shares of a run's actual duration at which the ETA it showed is judged, in percent. */
    public static final List<Integer> CHECKPOINTS = List.of(25, 50, 75);

    /** The least weight a new run has in the decayed means. */
    public static final double ALPHA = 0.1;

    /** A pipeline no run of which has been judged. */
    public static final EtaAccuracy NONE = new EtaAccuracy(0, List.of());

    public EtaAccuracy {
        Objects.requireNonNull(meanErrorsPercent, "meanErrorsPercent must not be null");
        meanErrorsPercent = List.copyOf(meanErrorsPercent);
        if (samples < 0) {
            throw new IllegalArgumentException("samples must not be negative, got " + samples);
        }
        if (meanErrorsPercent.size() != (samples == 0 ? 0 : CHECKPOINTS.size())) {
            throw new IllegalArgumentException("need one mean per checkpoint " + CHECKPOINTS
                    + " (none without samples), got " + meanErrorsPercent);
        }
        for (double error : meanErrorsPercent) {
            if (!(error >= 0.0) || Double.isInfinite(error)) {
                throw new IllegalArgumentException("errors must be finite numbers >= 0, got " + meanErrorsPercent);
            }
        }
    }

    /** The means after one more run, whose absolute percentage errors at {@link #CHECKPOINTS} are given. */
    public EtaAccuracy with(List<Double> errorsPercent) {
        EtaAccuracy run = new EtaAccuracy(1, errorsPercent);
        long total = samples == Long.MAX_VALUE ? samples : samples + 1;
        double weight = Math.max(ALPHA, 1.0 / total);
        List<Double> means = new ArrayList<>(CHECKPOINTS.size());
        for (int i = 0; i < CHECKPOINTS.size(); i++) {
            double previous = samples == 0 ? 0.0 : meanErrorsPercent.get(i);
            means.add(previous + (run.meanErrorsPercent.get(i) - previous) * weight);
        }
        return new EtaAccuracy(total, means);
    }

    /** The mean error at a checkpoint (25, 50 or 75), when any run has been judged. */
    public Optional<Double> meanErrorPercentAt(int checkpoint) {
        int index = CHECKPOINTS.indexOf(checkpoint);
        if (index < 0) {
            throw new IllegalArgumentException("checkpoint must be one of " + CHECKPOINTS + ", got " + checkpoint);
        }
        return samples == 0 ? Optional.empty() : Optional.of(meanErrorsPercent.get(index));
    }
}
