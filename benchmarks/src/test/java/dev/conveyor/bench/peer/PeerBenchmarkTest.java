package dev.conveyor.bench.peer;

import dev.conveyor.testing.postgres.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
            report = new PeerBenchmark(PeerConfig.from(properties), print).run().orElseThrow();
        }
        printed = out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyPhaseCompletesEveryJobInTheDatabase() {
        assertEquals(List.of("JobRunr 8.7.0, 1-step", "Conveyor, 1-step", "Conveyor, 5-step"),
                report.phases().stream().map(PhaseResult::name).toList());
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

        assertEquals(3, allNumbersIn(rates, 6), printed);
        assertEquals(6, allNumbersIn(cpu, 6), printed);
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
