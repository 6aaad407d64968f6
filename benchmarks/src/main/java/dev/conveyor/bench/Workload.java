package dev.conveyor.bench;

import java.util.Locale;

/**
 * How the synthetic jobs of the ETA study look and how fast their work really goes. Every unit of work
 * takes {@code typical × jobPace × exp(N(0, itemSpread))}, and {@code slowShare} of the files and items
 * take {@code slowFactor} times that; the single-unit steps (validate, generate) take
 * {@code typical × jobPace × exp(N(0, fixedSpread))}. {@code jobPace = exp(N(0, jobSpread))} is shared by
 * all steps of a job (a busy API, unusually dense documents).
 */
record Workload(int minFiles, int maxFiles, int minItems, int maxItems, double extractSecondsPerFile,
                double classifySecondsPerItem, double validateSeconds, double generateSeconds, double itemSpread,
                double slowShare, double slowFactor, double fixedSpread, double jobSpread) {

    Workload {
        if (minFiles < 0 || maxFiles < minFiles || minItems < 0 || maxItems < minItems) {
            throw new IllegalArgumentException("file and item ranges must be non-negative and ordered");
        }
        if (!(slowShare >= 0 && slowShare <= 1)) {
            throw new IllegalArgumentException("slowShare must be in [0, 1], got " + slowShare);
        }
    }

    /**
     * The study's workload, fixed before any measurement: real speeds are slower than seed 000's guesses,
     * mostly because one file or item in ten is ten times slower.
     */
    static Workload defaults() {
        return new Workload(2, 12, 20, 200, 4.0, 0.12, 1.5, 2.5, 0.25, 0.10, 10.0, 0.15, 0.15);
    }

    /** The true mean seconds of one unit with this typical time, pace aside: slow units and spread included. */
    double meanSecondsPerUnit(double typical, boolean fileOrItem) {
        double spread = fileOrItem ? itemSpread : fixedSpread;
        double slow = fileOrItem ? 1.0 + slowShare * (slowFactor - 1.0) : 1.0;
        return typical * slow * Math.exp(spread * spread / 2);
    }

    String describe() {
        return String.join("\n",
                String.format(Locale.ROOT, "  jobs: files uniform in [%d, %d], items uniform in [%d, %d]",
                        minFiles, maxFiles, minItems, maxItems),
                String.format(Locale.ROOT, "  typical seconds: extract %.2f per file, classify %.3f per item, "
                                + "validate %.2f, generate %.2f", extractSecondsPerFile, classifySecondsPerItem,
                        validateSeconds, generateSeconds),
                String.format(Locale.ROOT, "  per file/item x exp(N(0, %.2f)), and %.0f %% of them x %.0f; "
                                + "validate/generate x exp(N(0, %.2f))", itemSpread, slowShare * 100, slowFactor,
                        fixedSpread),
                String.format(Locale.ROOT, "  per job pace x exp(N(0, %.2f)) on every step", jobSpread));
    }
}
