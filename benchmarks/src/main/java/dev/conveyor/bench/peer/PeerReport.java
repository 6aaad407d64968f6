package dev.conveyor.bench.peer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * A round's figures: JobRunr's single-step phase, Conveyor's single- and five-step phases and their ratios, which
 * the targets compare; and, for the last round when it ran, JobRunr's five-step pipelines of chained jobs, the
 * like-for-like peer of Conveyor's five-step jobs (a step's end saved before the next step runs, on both sides),
 * with its ratio, for which no target is set.
 */
record PeerReport(PhaseResult jobRunr, PhaseResult conveyorOneStep, PhaseResult conveyorFiveSteps,
                  Optional<PhaseResult> jobRunrChained) {

    /** The line of the like-for-like five-step ratio, up to its figures. */
    static final String CHAINED_LABEL = "five-step drain, Conveyor ÷ JobRunr five-step pipelines of chained jobs "
            + "(each step saved before the next runs, on both sides):";

    PeerReport {
        Objects.requireNonNull(jobRunr, "jobRunr must not be null");
        Objects.requireNonNull(conveyorOneStep, "conveyorOneStep must not be null");
        Objects.requireNonNull(conveyorFiveSteps, "conveyorFiveSteps must not be null");
        Objects.requireNonNull(jobRunrChained, "jobRunrChained must not be null");
    }

    List<PhaseResult> phases() {
        List<PhaseResult> phases = new ArrayList<>(List.of(jobRunr, conveyorOneStep, conveyorFiveSteps));
        jobRunrChained.ifPresent(phases::add);
        return List.copyOf(phases);
    }

    double oneStepDrainRatio() {
        return conveyorOneStep.drainRate() / jobRunr.drainRate();
    }

    double fiveStepDrainRatio() {
        return conveyorFiveSteps.drainRate() / jobRunr.drainRate();
    }

    double enqueueRatio() {
        return conveyorOneStep.enqueueRate() / jobRunr.enqueueRate();
    }

    /** This report with JobRunr's chained phase, run after it. */
    PeerReport withChained(PhaseResult chained) {
        return new PeerReport(jobRunr, conveyorOneStep, conveyorFiveSteps, Optional.of(chained));
    }

    /** Conveyor's five-step drain over JobRunr's chained five-step one, when that ran. */
    OptionalDouble chainedRatio() {
        return jobRunrChained.map(chained -> OptionalDouble.of(chainedRatio(conveyorFiveSteps, chained)))
                .orElse(OptionalDouble.empty());
    }

    /** The line comparing Conveyor's five-step drain with JobRunr's chained pipelines. */
    static String chainedLine(PhaseResult conveyorFiveSteps, PhaseResult jobRunrChained) {
        return String.format(Locale.ROOT, "  %s %.2f (no target)%n", CHAINED_LABEL,
                chainedRatio(conveyorFiveSteps, jobRunrChained));
    }

    private static double chainedRatio(PhaseResult conveyorFiveSteps, PhaseResult jobRunrChained) {
        return conveyorFiveSteps.drainRate() / jobRunrChained.drainRate();
    }

    String ratios() {
        return String.format(Locale.ROOT, """
                ratios (same run):
                  single-step drain, Conveyor ÷ JobRunr: %.2f (target ≥ 2.0)
                  five-step drain, Conveyor ÷ JobRunr single-step: %.2f (target ≥ 1.0)
                  enqueue, Conveyor batch submit ÷ JobRunr batch enqueue: %.2f (target ≥ 1.0)
                """, oneStepDrainRatio(), fiveStepDrainRatio(), enqueueRatio());
    }


    /**
     * The ratios over rounds: each one's median (the middle round's, or the mean of the middle two) and range, and
     * how many rounds met its target.
     */
    static String medians(List<PeerReport> reports) {
        return String.format(Locale.ROOT, """
                ratios over %d rounds, median (range), rounds at target:
                  single-step drain, Conveyor ÷ JobRunr: %s (target ≥ 2.0)
                  five-step drain, Conveyor ÷ JobRunr single-step: %s (target ≥ 1.0)
                  enqueue, Conveyor batch submit ÷ JobRunr batch enqueue: %s (target ≥ 1.0)
                """, reports.size(), spread(reports, PeerReport::oneStepDrainRatio, 2.0),
                spread(reports, PeerReport::fiveStepDrainRatio, 1.0), spread(reports, PeerReport::enqueueRatio, 1.0));
    }

    private static String spread(List<PeerReport> reports, ToDoubleFunction<PeerReport> ratio, double target) {
        double[] values = reports.stream().mapToDouble(ratio).sorted().toArray();
        int middle = values.length / 2;
        double median = values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        long atTarget = Arrays.stream(values).filter(value -> value >= target).count();
        return String.format(Locale.ROOT, "%.2f (%.2f-%.2f), %d of %d", median, values[0], values[values.length - 1],
                atTarget, values.length);
    }

    /**
     * A phase's lines: rates, then CPU per job, then (when counted) statements per job and the group commits' time.
     * With one group commit in flight at a time (the store's default), that time's share of the drain is how busy
     * the store's writer was: the rest went on the workers' own work between their writes.
     */
    static String phase(PhaseResult r) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%s: enqueue %d jobs in %.2f s = %.0f jobs/s (%s); workers' start-up %.2f s; drain %.2f s = %.0f "
                        + "jobs/s; first enqueue to last done %.0f jobs/s; %d of %d done%n",
                r.name(), r.jobs(), r.enqueueNanos() / 1e9, r.enqueueRate(), r.enqueuedBy(), r.startupNanos() / 1e9,
                r.drainNanos() / 1e9, r.drainRate(), r.endToEndRate(), r.completed(), r.jobs()));
        text.append(cpu("enqueue", r.enqueueCpu(), r.jobs(), afterWork("first enqueue", r.enqueueSettleNanos())));
        text.append(cpu("drain", r.drainCpu(), r.jobs(), afterWork("workers' start", r.settleNanos())));
        r.statements().ifPresent(s -> text.append(String.format(Locale.ROOT,
                "  statements per job while draining: %.2f (writing %.2f, of them claims %.2f; row writes %.2f in "
                        + "%.2f group commits, progress writes %.2f, read rounds %.2f, audit events %.2f, written in "
                        + "their transitions' statements)%n",
                per(s.total(), r.jobs()), per(s.writeStatements(), r.jobs()), per(s.claims(), r.jobs()),
                per(s.writes(), r.jobs()),
                per(s.commits(), r.jobs()), per(s.progressWrites(), r.jobs()), per(s.readRounds(), r.jobs()),
                per(s.auditEvents(), r.jobs()))));
        r.statements().filter(s -> s.commits() > 0).ifPresent(s -> text.append(String.format(Locale.ROOT,
                "  group commits while draining: %.2f ms each from sending to committed, %.1f row writes each; "
                        + "their time summed is %.0f %% of the drain's%n",
                s.commitNanos() / 1e6 / s.commits(), (double) s.writes() / s.commits(),
                100.0 * s.commitNanos() / r.drainNanos())));
        return text.toString();
    }

    private static String cpu(String what, CpuMeter.Used used, int jobs, String note) {
        return String.format(Locale.ROOT, "  CPU per job, %s: engine JVM %.0f µs (JIT compiler %.0f, GC %.0f), its "
                        + "PostgreSQL backends %.0f µs, all PostgreSQL processes %.0f µs%s%n", what,
                used.jvmNanos() / 1e3 / jobs, used.jitNanos() / 1e3 / jobs, used.gcNanos() / 1e3 / jobs,
                used.backendNanos() / 1e3 / jobs, used.serverNanos() / 1e3 / jobs, note);
    }

    private static String afterWork(String from, long nanos) {
        return String.format(Locale.ROOT, " (%s to after-work written; after-work took %.2f s more)", from, nanos / 1e9);
    }

    private static double per(long count, int jobs) {
        return (double) count / jobs;
    }
}
