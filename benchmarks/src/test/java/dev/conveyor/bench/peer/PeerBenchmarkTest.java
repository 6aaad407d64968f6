package dev.conveyor.bench.peer;

import dev.conveyor.testing.postgres.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The peer benchmark with a tiny run against the tests' real PostgreSQL ({@link TestPostgres}): every phase completes every job, and every figure it prints is a finite, non-negative number. It asserts
 * no speed: timings on a shared machine prove nothing.
 */
class PeerBenchmarkTest {

    private static final int JOBS = 30;
    private static final String NUMBER = "(\\d+(?:\\.\\d+)?)";

    private static PeerReport report;
    private static String printed;

    @BeforeAll
    static void runTinyBenchmark() {
        TestPostgres.Server server = TestPostgres.server();
        Properties properties = new Properties();
        properties.setProperty("peer.url", server.url());
        properties.setProperty("peer.user", server.user());
        properties.setProperty("peer.password", server.password());
        properties.setProperty("peer.jobs", Integer.toString(JOBS));
        properties.setProperty("peer.warmup", "5");
        properties.setProperty("peer.workers", "4");
        properties.setProperty("peer.timeout", "PT3M");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            List<PeerReport> reports = new PeerBenchmark(PeerConfig.from(properties), print).run();
            assertEquals(1, reports.size());
            report = reports.getFirst();
        }
        printed = out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyPhaseCompletesEveryJobInTheDatabase() {
        assertEquals(List.of("JobRunr 8.7.0, 1-step", "Conveyor, 1-step", "Conveyor, 5-step",
                        "JobRunr 8.7.0, 5 chained jobs"), report.phases().stream().map(PhaseResult::name).toList());
        for (PhaseResult phase : report.phases()) {
            assertEquals(JOBS, phase.completed(), phase.name());
            assertTrue(printed.contains(phase.name() + ": enqueue " + JOBS + " jobs in "), printed);
            assertTrue(printed.contains("; " + JOBS + " of " + JOBS + " done"), printed);
        }
    }

    @Test
    void theWarmUpRunsBothSystemsFirstAndIsNotCounted() {
        assertTrue(printed.matches("(?s).*\\nwarm-up, not counted: 5 JobRunr jobs and 5 five-step Conveyor jobs in "
                + NUMBER + " s\\nJobRunr 8\\.7\\.0, 1-step: enqueue " + JOBS + " jobs.*"), printed);
    }

    @Test
    void everyPhasePrintsItsRatesAndCpuPerJob() {
        Pattern rates = Pattern.compile(": enqueue " + JOBS + " jobs in " + NUMBER + " s = " + NUMBER
                + " jobs/s \\(.+\\); workers' start-up " + NUMBER + " s; drain " + NUMBER + " s = " + NUMBER
                + " jobs/s; first enqueue to last done " + NUMBER + " jobs/s; ");
        Pattern cpu = Pattern.compile("CPU per job, (enqueue|drain): engine JVM " + NUMBER + " µs \\(JIT compiler "
                + NUMBER + ", GC " + NUMBER + "\\), its PostgreSQL backends " + NUMBER + " µs, all PostgreSQL processes " + NUMBER + " µs \\(.+ after-work took "
                + NUMBER + " s more\\)");

        assertEquals(4, allNumbersIn(rates, 6), printed);
        assertEquals(8, allNumbersIn(cpu, 6), printed);
    }

    /**
     * The chained phase counts a pipeline done when the jobs of its five steps have all succeeded: its count of
     * done pipelines is whole only when five jobs per pipeline ran.
     */
    @Test
    void jobRunrsChainedPipelinesRunEveryStepAsAJobAndAreComparedWithConveyorsFiveSteps() {
        PhaseResult chained = report.jobRunrChained().orElseThrow();
        assertEquals(JOBS, chained.completed());
        assertTrue(chained.statements().isEmpty());
        Matcher line = Pattern.compile(Pattern.quote(PeerReport.CHAINED_LABEL) + " " + NUMBER + " \\(no target\\)")
                .matcher(printed);
        assertTrue(line.find(), printed);
        assertEquals(String.format(Locale.ROOT, "%.2f",
                report.conveyorFiveSteps().drainRate() / chained.drainRate()), line.group(1));
        assertEquals(report.conveyorFiveSteps().drainRate() / chained.drainRate(),
                report.chainedRatio().orElseThrow(), 1e-9);
    }

    @Test
    void conveyorCountsItsStatementsPerJobAndJobRunrDoesNot() {
        assertTrue(report.jobRunr().statements().isEmpty());
        Pattern statements = Pattern.compile("statements per job while draining: " + NUMBER + " \\(writing " + NUMBER
                + ", of them claims " + NUMBER + "; row writes " + NUMBER + " in " + NUMBER
                + " group commits, progress writes " + NUMBER + ", read rounds " + NUMBER + ", audit events " + NUMBER
                + ", written in their transitions' statements\\)");

        assertEquals(2, allNumbersIn(statements, 8), printed);
        for (PhaseResult conveyor : List.of(report.conveyorOneStep(), report.conveyorFiveSteps())) {
            Statements counted = conveyor.statements().orElseThrow();
            assertTrue(counted.claims() > 0 && counted.writeStatements() >= counted.claims()
                            && counted.writes() >= JOBS && counted.auditEvents() >= JOBS,
                    conveyor.name() + ": " + counted);
        }
    }

    @Test
    void conveyorTellsHowLongItsGroupCommitsTookAndHowBusyTheyKeptItsWriter() {
        Pattern commits = Pattern.compile("group commits while draining: " + NUMBER + " ms each from sending to "
                + "committed, " + NUMBER + " row writes each; their time summed is " + NUMBER + " % of the drain's");

        assertEquals(2, allNumbersIn(commits, 3), printed);
        for (PhaseResult conveyor : List.of(report.conveyorOneStep(), report.conveyorFiveSteps())) {
            Statements counted = conveyor.statements().orElseThrow();
            assertTrue(counted.commits() > 0 && counted.commitNanos() > 0, conveyor.name() + ": " + counted);
        }
    }

    @Test
    void theRatiosArePrintedAsPositiveNumbers() {
        Pattern ratio = Pattern.compile("(single-step drain, Conveyor ÷ JobRunr|five-step drain, Conveyor ÷ JobRunr "
                + "single-step|enqueue, Conveyor batch submit ÷ JobRunr batch enqueue): " + NUMBER + " \\(target ≥ ");

        assertEquals(3, allNumbersIn(ratio, 1), printed);
        for (double value : List.of(report.oneStepDrainRatio(), report.fiveStepDrainRatio(), report.enqueueRatio())) {
            assertTrue(Double.isFinite(value) && value > 0, "ratio " + value);
        }
    }

    /**
     * Two rounds: each prints its phases and ratios, then the ratios' medians and ranges over both; JobRunr's chained
     * phase runs once, after them, and its ratio is the last round's.
     */
    @Test
    void roundsPrintTheirOwnRatiosThenTheMediansOverAll() {
        TestPostgres.Server server = TestPostgres.server();
        Properties properties = new Properties();
        properties.setProperty("peer.url", server.url());
        properties.setProperty("peer.user", server.user());
        properties.setProperty("peer.password", server.password());
        properties.setProperty("peer.jobs", "10");
        properties.setProperty("peer.warmup", "0");
        properties.setProperty("peer.workers", "2");
        properties.setProperty("peer.timeout", "PT3M");
        properties.setProperty("peer.rounds", "2");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<PeerReport> reports;
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            reports = new PeerBenchmark(PeerConfig.from(properties), print).run();
        }
        String text = out.toString(StandardCharsets.UTF_8);

        assertEquals(2, reports.size(), text);
        assertTrue(text.contains("round 1 of 2") && text.contains("round 2 of 2"), text);
        assertEquals(2, text.split("ratios \\(same run\\):", -1).length - 1, text);
        Matcher median = Pattern.compile("ratios over 2 rounds, median \\(range\\), rounds at target:\\n"
                + "  single-step drain, Conveyor ÷ JobRunr: " + NUMBER + " \\(" + NUMBER + "-" + NUMBER + "\\), "
                + "(\\d) of 2 \\(target ≥ 2.0\\)").matcher(text);
        assertTrue(median.find(), text);
        double low = Math.min(reports.get(0).oneStepDrainRatio(), reports.get(1).oneStepDrainRatio());
        double high = Math.max(reports.get(0).oneStepDrainRatio(), reports.get(1).oneStepDrainRatio());
        assertEquals(String.format(Locale.ROOT, "%.2f", (low + high) / 2), median.group(1), text);
        assertEquals(String.format(Locale.ROOT, "%.2f", low), median.group(2), text);
        assertEquals(String.format(Locale.ROOT, "%.2f", high), median.group(3), text);
        assertEquals(reports.stream().filter(r -> r.oneStepDrainRatio() >= 2.0).count(),
                Long.parseLong(median.group(4)), text);
        assertTrue(reports.get(0).jobRunrChained().isEmpty(), text);
        PhaseResult chained = reports.get(1).jobRunrChained().orElseThrow();
        assertEquals(1, text.split("JobRunr 8\\.7\\.0, 5 chained jobs: enqueue", -1).length - 1, text);
        assertEquals(1, text.split(Pattern.quote(PeerReport.CHAINED_LABEL), -1).length - 1, text);
        assertTrue(text.indexOf("JobRunr 8.7.0, 5 chained jobs: enqueue") > median.end(), text);
        assertEquals(10, chained.completed());
    }

    /** How many lines match; each must hold {@code numbersPerLine} finite, non-negative numbers. */
    private static int allNumbersIn(Pattern pattern, int numbersPerLine) {
        Matcher lines = pattern.matcher(printed);
        int found = 0;
        while (lines.find()) {
            found++;
            int numbers = 0;
            for (int group = 1; group <= lines.groupCount(); group++) {
                String text = lines.group(group);
                if (text.matches(NUMBER)) {
                    double value = Double.parseDouble(text);
                    assertTrue(Double.isFinite(value) && value >= 0, text + " in " + lines.group());
                    numbers++;
                }
            }
            assertEquals(numbersPerLine, numbers, lines.group());
        }
        return found;
    }
}
