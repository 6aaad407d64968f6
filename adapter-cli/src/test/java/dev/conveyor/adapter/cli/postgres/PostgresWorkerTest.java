package dev.conveyor.adapter.cli.postgres;

import dev.conveyor.adapter.cli.ConveyorMain;
import dev.conveyor.adapter.cli.engine.Engine;
import dev.conveyor.adapter.cli.engine.EngineSpec;
import dev.conveyor.adapter.cli.engine.StoreChoice;
import dev.conveyor.adapter.cli.pipelines.BuiltInPipelines;
import dev.conveyor.adapter.cli.support.CliHarness;
import dev.conveyor.adapter.cli.support.PostgresTestDatabase;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.TenantId;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.port.in.SubmitJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code conveyor worker --db} on a real PostgreSQL runs the built-in demo pipeline (found by ServiceLoader)
 * for jobs another process submitted, as the REST service does.
 */
class PostgresWorkerTest {

    private static final TenantId ACME = TenantId.of("acme");

    private static PostgresTestDatabase database;

    @TempDir
    Path dir;

    @BeforeAll
    static void freshSchema() {
        database = PostgresTestDatabase.freshSchema(PostgresWorkerTest.class);
    }

    @AfterAll
    static void dropSchema() {
        database.drop();
    }

    @Test
    void aWorkerRunsDemoJobsSubmittedElsewhere() throws Exception {
        ConveyorMain.Databases postgres = url -> ConveyorMain.postgres(url, database.env());
        CliHarness cli = new CliHarness(dir).builtInsOnClassPath().databases(postgres);
        CompletableFuture<CliHarness.Result> worker = CompletableFuture.supplyAsync(() -> cli.run("worker",
                "--db", PostgresTestDatabase.URL, "--parallel", "2"));

        try (Engine rest = ConveyorMain.engines(postgres).start(EngineSpec.readOnly(
                new StoreChoice.Database(PostgresTestDatabase.URL), BuiltInPipelines.onClassPath().pipelines()))) {
            List<Job> jobs = IntStream.range(0, 4).mapToObj(i -> rest.commands().submit(SubmitJob.startNow(ACME,
                    "demo", Payload.of("files", 2, "time_scale", 0.0))).orElseThrow()).toList();
            for (Job job : jobs) {
                assertEquals(JobStatus.COMPLETED, awaitFinished(rest, job).status());
            }
        }
        cli.interrupts.fire();
        CliHarness.Result result = worker.get(30, TimeUnit.SECONDS);

        assertEquals(130, result.exit(), result.toString());
        assertTrue(result.out().startsWith("worker running demo with 2 threads on " + PostgresTestDatabase.URL),
                result.out());
        assertEquals(4, result.out().lines().filter(line -> line.endsWith("(acme) completed")).count(), result.out());
    }

    @Test
    void onlyAnEngineWithWorkersListensForJobsOtherProcessesQueueAndStopsWhenClosed() throws Exception {
        ConveyorMain.Databases postgres = url -> ConveyorMain.postgres(url, database.env());
        StoreChoice shared = new StoreChoice.Database(PostgresTestDatabase.URL);
        List<PipelineDefinition> pipelines = BuiltInPipelines.onClassPath().pipelines();
        String listener = "conveyor-listener " + database.schema;

        try (Engine readOnly = ConveyorMain.engines(postgres).start(EngineSpec.readOnly(shared, pipelines))) {
            assertEquals(0, database.sessionsNamed(listener), "a command that runs no jobs needs no wake-ups");
        }
        try (Engine worker = ConveyorMain.engines(postgres).start(new EngineSpec(shared, pipelines, 1,
                Duration.ofSeconds(30), Duration.ofSeconds(1), List.of()))) {
            assertTrue(eventually(() -> database.sessionsNamed(listener) == 1), "the worker listens");
        }
        assertTrue(eventually(() -> database.sessionsNamed(listener) == 0), "closing the engine ended the listening");
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private static Job awaitFinished(Engine engine, Job job) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Job now = engine.queries().job(ACME, job.id()).orElseThrow();
            if (now.status().isFinished()) {
                return now;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + job.id() + " did not finish");
    }
}
