package dev.conveyor.adapter.cli.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conveyor.adapter.cli.ConveyorMain;
import dev.conveyor.adapter.cli.command.Cli;
import dev.conveyor.adapter.cli.command.CliContext;
import dev.conveyor.adapter.cli.pipelines.BuiltInPipelines;
import dev.conveyor.adapter.cli.support.CliHarness;
import dev.conveyor.adapter.cli.support.ManualInterrupts;
import dev.conveyor.adapter.cli.support.PostgresTestDatabase;
import dev.conveyor.adapter.cli.terminal.Terminal;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.StepException;
import dev.conveyor.testing.postgres.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code conveyor run --db} through a proxy that cuts the database off in the middle of the run: the run says
 * once that it waits, carries on when the database is back, and completes every item exactly once; cut off for
 * longer than {@code --db-wait}, it gives up with exit code 3 and the next run carries on. {@code retry}, which
 * follows the jobs it put back as a run does, waits and gives up the same way.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PostgresOutageRunTest {

    private static final int ITEMS = 1_200;

    private static PostgresTestDatabase database;

    @TempDir
    Path dir;

    @BeforeAll
    static void freshSchema() {
        database = PostgresTestDatabase.freshSchema(PostgresOutageRunTest.class);
    }

    @AfterAll
    static void dropSchema() {
        database.drop();
    }

    @Test
    void aRunWaitsOutAnOutageAndCompletesEveryItemOnce() throws Exception {
        Gate gate = new Gate();
        String stdin = items("wait");
        try (TcpProxy proxy = TcpProxy.toJdbcUrl(PostgresTestDatabase.URL)) {
            Watched err = new Watched("database unavailable");
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> run(gate.pipeline("outage"), err,
                    stdin, "run", "outage", "-", "--db", proxy.route(PostgresTestDatabase.URL), "--quiet",
                    "--lease", "2s"));
            assertTrue(gate.entered.await(60, TimeUnit.SECONDS), "no step started");

            proxy.refuse();
            gate.release.countDown();
            assertTrue(err.seen.await(60, TimeUnit.SECONDS), "the run never said it waits: " + err);
            proxy.restore();

            assertEquals(0, run.get(120, TimeUnit.SECONDS), err.toString());
            assertEquals(1, err.count("database unavailable"), err.toString());
            assertTrue(err.toString().contains("database back"), err.toString());
        }
        assertEveryItemCompletedOnce("outage", "wait");
    }

    @Test
    void aRunGivesUpAfterDbWaitAndTheNextRunCarriesOn() throws Exception {
        Gate gate = new Gate();
        String stdin = items("give-up");
        try (TcpProxy proxy = TcpProxy.toJdbcUrl(PostgresTestDatabase.URL)) {
            Watched err = new Watched("database unavailable");
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> run(gate.pipeline("give-up"), err,
                    stdin, "run", "give-up", "-", "--db", proxy.route(PostgresTestDatabase.URL), "--quiet",
                    "--db-wait", "2s"));
            assertTrue(gate.entered.await(60, TimeUnit.SECONDS), "no step started");

            proxy.refuse();
            int exit = run.get(120, TimeUnit.SECONDS);
            gate.release.countDown();

            assertEquals(3, exit, err.toString());
            assertTrue(err.toString().contains("run the same command again"), err.toString());
        }
        Watched again = new Watched("database unavailable");
        assertEquals(0, run(new Gate().opened().pipeline("give-up"), again, stdin, "run", "give-up", "-", "--db",
                PostgresTestDatabase.URL, "--quiet"), again.toString());
        assertEveryItemCompletedOnce("give-up", "give-up");
    }

    /**
     * One failed job, so that the retry has put it back before its step can start: the database is cut off only
     * once the command follows the job, whose store calls wait as a run's do. (Putting jobs back fails at once
     * when the database is unavailable, as the job commands do.)
     */
    @Test
    void aRetryFollowingItsJobsSaysItWaitsAndGivesUpAfterDbWait() throws Exception {
        FailThenGate pipeline = new FailThenGate();
        String stdin = "retry-one\n";
        Watched first = new Watched("never");
        assertEquals(1, run(pipeline.definition("retry-outage"), first, stdin, "run", "retry-outage", "-", "--db",
                PostgresTestDatabase.URL, "--quiet"), first.toString());
        pipeline.failing.set(false);
        try (TcpProxy proxy = TcpProxy.toJdbcUrl(PostgresTestDatabase.URL)) {
            Watched err = new Watched("database unavailable");
            CompletableFuture<Integer> retry = CompletableFuture.supplyAsync(() -> run(
                    pipeline.definition("retry-outage"), err, "", "retry", "--failed", "--pipeline-name",
                    "retry-outage", "--db", proxy.route(PostgresTestDatabase.URL), "--quiet", "--db-wait", "2s"));
            assertTrue(pipeline.gate.entered.await(60, TimeUnit.SECONDS), "no retried step started: " + err);

            proxy.refuse();
            int exit = retry.get(120, TimeUnit.SECONDS);
            pipeline.gate.release.countDown();

            assertEquals(3, exit, err.toString());
            assertEquals(1, err.count("database unavailable; waiting up to 2 s"), err.toString());
            assertTrue(err.toString().contains("(--db-wait); gave up. Every job is kept in the database: "
                    + "'conveyor worker' on it runs them"), err.toString());
        }
        assertEquals(List.of("retry-one"), itemsOf("retry-outage"), "the job is kept");
    }

    /** The items of the pipeline's jobs in the store. */
    private List<String> itemsOf(String pipeline) throws Exception {
        CliHarness cli = new CliHarness(dir).builtIns(new Gate().opened().pipeline(pipeline))
                .databases(url -> ConveyorMain.postgres(url, database.env()));
        CliHarness.Result jobs = cli.run("jobs", "--json", "--db", PostgresTestDatabase.URL, "--pipeline-name",
                pipeline);
        List<String> items = new ArrayList<>();
        new ObjectMapper().readTree(jobs.out()).forEach(job -> items.add(job.get("item").asText()));
        return items;
    }

    private void assertEveryItemCompletedOnce(String pipeline, String prefix) throws Exception {
        CliHarness cli = new CliHarness(dir).builtIns(new Gate().opened().pipeline(pipeline))
                .databases(url -> ConveyorMain.postgres(url, database.env()));
        CliHarness.Result jobs = cli.run("jobs", "--json", "--limit", String.valueOf(10 * ITEMS), "--db",
                PostgresTestDatabase.URL, "--pipeline-name", pipeline);
        JsonNode all = new ObjectMapper().readTree(jobs.out());
        Map<String, Long> perItem = new HashMap<>();
        for (JsonNode job : all) {
            assertEquals("completed", job.get("status").asText(), job.toString());
            perItem.merge(job.get("item").asText(), 1L, Long::sum);
        }
        assertEquals(ITEMS, perItem.size(), jobs.toString());
        assertTrue(perItem.values().stream().allMatch(n -> n == 1), "an item with more than one job: " + perItem);
        assertTrue(perItem.keySet().stream().allMatch(item -> item.startsWith(prefix)), perItem.keySet().toString());
    }

    private static String items(String prefix) {
        return IntStream.range(0, ITEMS).mapToObj(i -> prefix + "-" + i).collect(Collectors.joining("\n", "", "\n"));
    }

    /** Runs conveyor as its main does, with stderr watched while it runs. */
    private int run(PipelineDefinition pipeline, Watched err, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Terminal terminal = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), false, 0, Map.of(), dir,
                Clock.systemDefaultZone(), new ManualInterrupts());
        CliContext context = new CliContext(terminal, ConveyorMain.engines(url -> ConveyorMain.postgres(url,
                database.env()), Map.of()), BuiltInPipelines.of(List.of(pipeline)));
        return Cli.execute(context, args);
    }

    /** A pipeline whose first step, the first time it runs, waits until released. */
    private static final class Gate {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final AtomicBoolean first = new AtomicBoolean(true);

        Gate opened() {
            first.set(false);
            return this;
        }

        PipelineDefinition pipeline(String name) {
            return PipelineDefinition.named(name)
                    .step("first", context -> {
                        if (first.compareAndSet(true, false)) {
                            entered.countDown();
                            try {
                                release.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    })
                    .step("second", context -> { })
                    .build();
        }
    }

    /**
     * A pipeline whose first step fails every job permanently while {@link #failing}, and then, the first time it
     * runs, waits at its gate until released.
     */
    private static final class FailThenGate {
        final AtomicBoolean failing = new AtomicBoolean(true);
        final Gate gate = new Gate();
        private final AtomicBoolean first = new AtomicBoolean(true);

        PipelineDefinition definition(String name) {
            return PipelineDefinition.named(name)
                    .step("first", context -> {
                        if (failing.get()) {
                            throw StepException.permanent("not_yet", "fails until the retry");
                        }
                        if (first.compareAndSet(true, false)) {
                            gate.entered.countDown();
                            gate.release.await();
                        }
                    })
                    .step("second", context -> { })
                    .build();
        }
    }

    /** Stderr, read while the command runs: {@link #seen} opens once {@code phrase} was written. */
    private static final class Watched extends OutputStream {
        final CountDownLatch seen = new CountDownLatch(1);
        private final String phrase;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Watched(String phrase) {
            this.phrase = phrase;
        }

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            if (toString().contains(phrase)) {
                seen.countDown();
            }
        }

        int count(String text) {
            String all = toString();
            int n = 0;
            for (int at = all.indexOf(text); at >= 0; at = all.indexOf(text, at + 1)) {
                n++;
            }
            return n;
        }

        @Override
        public synchronized String toString() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
