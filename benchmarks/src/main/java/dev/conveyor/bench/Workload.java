package dev.conveyor.bench;

import java.util.Locale;

/**
 * How the synthetic jobs of the ETA study look and how fast their work really goes. Every unit of work
 * takes {@code typical × jobPace × exp(N(0, itemSpread))}, and {@code slowShare} of the files and items
 * take {@code slowFactor} times that; the single-unit steps (validate, generate) take
 * {@code typical × jobPace × exp(N(0, fixedSpread))}. {@code jobPace = exp(N(0, jobSpread))} is shared by
 * all steps of a job (a busy API, unusually dense documents). In {@code overrunShare} of the jobs one step,
 * drawn at random, runs {@code overrunMin}–{@code overrunMax} times its usual time and reports no units (a
 * stuck call, a model that thinks for minutes).
 */
record Workload(String name, int minFiles, int maxFiles, int minItems, int maxItems, double extractSecondsPerFile,
                double classifySecondsPerItem, double validateSeconds, double generateSeconds, double itemSpread,
                double slowShare, double slowFactor, double fixedSpread, double jobSpread, double overrunShare,
                double overrunMin, double overrunMax) {

    Workload {
        if (minFiles < 0 || maxFiles < minFiles || minItems < 0 || maxItems < minItems) {
            throw new IllegalArgumentException("file and item ranges must be non-negative and ordered");
        }
        if (!(slowShare >= 0 && slowShare <= 1)) {
            throw new IllegalArgumentException("slowShare must be in [0, 1], got " + slowShare);
        }
        if (!(overrunShare >= 0 && overrunShare <= 1) || !(overrunMin >= 1 && overrunMax >= overrunMin)) {
            throw new IllegalArgumentException("overrunShare must be in [0, 1] and 1 <= overrunMin <= overrunMax");
        }
    }

    /**
     * The study's workload, fixed before any measurement: real speeds are slower than the definitions' guesses,
     * mostly because one file or item in ten is ten times slower.
     */
    static Workload defaults() {
        return new Workload("default", 2, 12, 20, 200, 4.0, 0.12, 1.5, 2.5, 0.25, 0.10, 10.0, 0.15, 0.15, 0.0, 1.0,
                1.0);
    }

    /** The default workload where a fifth of the jobs have one step run 3–5 times its usual time, silently. */
    static Workload overruns() {
        Workload d = defaults();
        return new Workload("overruns", d.minFiles, d.maxFiles, d.minItems, d.maxItems, d.extractSecondsPerFile,
                d.classifySecondsPerItem, d.validateSeconds, d.generateSeconds, d.itemSpread, d.slowShare,
                d.slowFactor, d.fixedSpread, d.jobSpread, 0.2, 3.0, 5.0);
    }

    static Workload named(String name) {
        return switch (name) {
            case "default" -> defaults();
            case "overruns" -> overruns();
            default -> throw new IllegalArgumentException("unknown workload " + name + " (known: default, overruns)");
        };
    }

    /** The true mean seconds of one unit with this typical time, pace aside: slow units and spread included. */
    double meanSecondsPerUnit(double typical, boolean fileOrItem) {
        double spread = fileOrItem ? itemSpread : fixedSpread;
        double slow = fileOrItem ? 1.0 + slowShare * (slowFactor - 1.0) : 1.0;
        return typical * slow * Math.exp(spread * spread / 2);
    }

    String describe() {
        return String.join("\n", "  workload: " + name,
                String.format(Locale.ROOT, "  jobs: files uniform in [%d, %d], items uniform in [%d, %d]",
                        minFiles, maxFiles, minItems, maxItems),
                String.format(Locale.ROOT, "  typical seconds: extract %.2f per file, classify %.3f per item, "
                                + "validate %.2f, generate %.2f", extractSecondsPerFile, classifySecondsPerItem,
                        validateSeconds, generateSeconds),
                String.format(Locale.ROOT, "  per file/item x exp(N(0, %.2f)), and %.0f %% of them x %.0f; "
                                + "validate/generate x exp(N(0, %.2f))", itemSpread, slowShare * 100, slowFactor,
                        fixedSpread),
                String.format(Locale.ROOT, "  per job pace x exp(N(0, %.2f)) on every step", jobSpread),
                overrunShare == 0.0 ? "  no overruns" : String.format(Locale.ROOT, "  %.0f %% of jobs: one step, "
                        + "drawn at random, x U(%.0f, %.0f) and reporting no units", overrunShare * 100, overrunMin,
                        overrunMax));
    }
}
