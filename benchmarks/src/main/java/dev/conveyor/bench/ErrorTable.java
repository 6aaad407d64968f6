package dev.conveyor.bench;

import java.util.List;
import java.util.Locale;

/** Absolute percentage errors of each estimator at each mark, summed up into a mean (MAPE). */
final class ErrorTable {

    private final List<String> estimators;
    private final List<Integer> marks;
    private final double[][] errorSum;
    private final int[][] answered;
    private final int[] asked;
    private final double[] truthSum;

    ErrorTable(List<String> estimators, List<Integer> marks) {
        this.estimators = List.copyOf(estimators);
        this.marks = List.copyOf(marks);
        this.errorSum = new double[estimators.size()][marks.size()];
        this.answered = new int[estimators.size()][marks.size()];
        this.asked = new int[marks.size()];
        this.truthSum = new double[marks.size()];
    }

    /** Records one checkpoint: the true remaining seconds and each estimator's answer (NaN: none). */
    void add(int markIndex, double truth, double[] estimates) {
        if (!(truth > 0.0)) {
            throw new IllegalArgumentException("true remaining time must be positive, got " + truth);
        }
        asked[markIndex]++;
        truthSum[markIndex] += truth;
        for (int e = 0; e < estimators.size(); e++) {
            if (Double.isFinite(estimates[e])) {
                errorSum[e][markIndex] += Math.abs(estimates[e] - truth) / truth;
                answered[e][markIndex]++;
            }
        }
    }

    /** The mean absolute percentage error, in percent; NaN when the estimator never answered there. */
    double mape(int estimator, int markIndex) {
        int n = answered[estimator][markIndex];
        return n == 0 ? Double.NaN : 100.0 * errorSum[estimator][markIndex] / n;
    }

    int estimatorCount() {
        return estimators.size();
    }

    int markCount() {
        return marks.size();
    }

    String format(String markLabel) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-30s", markLabel));
        marks.forEach(mark -> out.append(String.format(Locale.ROOT, "%9s ", mark + " %")));
        out.append('\n');
        for (int e = 0; e < estimators.size(); e++) {
            out.append(String.format(Locale.ROOT, "%-30s", estimators.get(e)));
            for (int m = 0; m < marks.size(); m++) {
                out.append(String.format(Locale.ROOT, "%8.1f%%%s", mape(e, m),
                        answered[e][m] < asked[m] ? "*" : " "));
            }
            out.append('\n');
        }
        out.append(String.format(Locale.ROOT, "%-30s", "mean true remaining (s)"));
        for (int m = 0; m < marks.size(); m++) {
            out.append(String.format(Locale.ROOT, "%9.1f ", asked[m] == 0 ? 0 : truthSum[m] / asked[m]));
        }
        out.append('\n');
        for (int e = 0; e < estimators.size(); e++) {
            for (int m = 0; m < marks.size(); m++) {
                if (answered[e][m] < asked[m]) {
                    out.append(String.format(Locale.ROOT, "* %s answered %d of %d jobs at %d %% (progress 0)%n",
                            estimators.get(e), answered[e][m], asked[m], marks.get(m)));
                }
            }
        }
        return out.toString();
    }
}
