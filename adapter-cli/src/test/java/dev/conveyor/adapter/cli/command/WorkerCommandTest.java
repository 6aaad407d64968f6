package dev.conveyor.adapter.cli.command;

import dev.conveyor.adapter.cli.ConveyorMain;
import dev.conveyor.adapter.cli.engine.Engine;
import dev.conveyor.adapter.cli.engine.EngineSpec;
import dev.conveyor.adapter.cli.engine.StoreChoice;
import dev.conveyor.adapter.cli.support.CliHarness;
import dev.conveyor.adapter.cli.support.SharedStore;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Payload;
import dev.conveyor.model.TenantId;
import dev.conveyor.port.in.SubmitJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A worker runs jobs others submitted to the shared store, until it is stopped. */
class WorkerCommandTest {

    private static final TenantId REST_TENANT = TenantId.of("acme");

    @TempDir
    Path dir;

    @Test
    void aWorkerRunsJobsSubmittedElsewhereAndStopsOnCtrlC() throws Exception {
        CliHarness cli = new CliHarness(dir).builtIns(NoopPipeline.threeSteps("noop"));
        CompletableFuture<CliHarness.Result> worker = CompletableFuture.supplyAsync(() -> cli.run("worker",
                "--db", SharedStore.URL, "--parallel", "2"));
        List<Job> submitted = submitElsewhere(cli.shared, 5);

        awaitAllCompleted(cli.shared, submitted);
        cli.interrupts.fire();
        CliHarness.Result result = worker.get(20, TimeUnit.SECONDS);

        assertEquals(130, result.exit(), result.toString());
        assertTrue(result.out().startsWith("worker running noop with 2 threads on jdbc:postgresql://shared.test/conveyor"),
                result.out());
        for (Job job : submitted) {
            assertTrue(result.out().contains("job " + job.id() + " (acme) completed"), result.out());
        }
        assertTrue(result.out().endsWith("worker stopped; jobs it was running are back in the queue\n"), result.out());
    }

    @Test
    void aWorkerNeedsASharedStore() {
        CliHarness.Result result = new CliHarness(dir).builtIns(NoopPipeline.threeSteps("noop")).run("worker");

        assertEquals(2, result.exit());
        assertEquals("conveyor: 'conveyor worker' works on a shared store: pass --db jdbc:postgresql://… or set "
                + "CONVEYOR_DB_URL\n", result.err());
    }

    @Test
    void aWorkerConfiguredForNotificationsPostsEachCompletionToTheWebhook() throws Exception {
        List<String> posted = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            CliHarness cli = new CliHarness(dir).builtIns(NoopPipeline.threeSteps("noop"))
                    .env("CONVEYOR_NOTIFY_JSON", "{\"webhooks\": [{\"tenant\": \"acme\", \"events\": [\"completed\"], "
                            + "\"url\": \"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\", "
                            + "\"secret_env\": \"HOOK_SECRET\"}]}")
                    .env("HOOK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
            CompletableFuture<CliHarness.Result> worker = CompletableFuture.supplyAsync(() -> cli.run("worker",
                    "--db", SharedStore.URL, "--parallel", "2"));
            List<Job> submitted = submitElsewhere(cli.shared, 3);

            awaitAllCompleted(cli.shared, submitted);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (posted.size() < submitted.size() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            cli.interrupts.fire();
            assertEquals(130, worker.get(20, TimeUnit.SECONDS).exit());
            assertEquals(submitted.size(), posted.size(), posted.toString());
            for (Job job : submitted) {
                assertTrue(posted.stream().anyMatch(body -> body.contains("\"job_id\":\"" + job.id() + "\"")
                        && body.contains("\"type\":\"completed\"")), posted.toString());
            }
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aWorkerRefusesANotificationConfigurationWithAMistake() {
        CliHarness.Result result = new CliHarness(dir).builtIns(NoopPipeline.threeSteps("noop"))
                .env("CONVEYOR_NOTIFY_JSON", "{\"webhooks\": [{\"tenant\": \"acme\", \"events\": [\"done\"]}]}")
                .run("worker", "--db", SharedStore.URL);

        assertTrue(result.exit() != 0, result.toString());
        assertTrue(result.err().contains("notifications: CONVEYOR_NOTIFY_JSON: webhooks[0].url is required"),
                result.err());
    }

    /** What the REST service does: submit jobs to the shared store, running none itself. */
    private static List<Job> submitElsewhere(SharedStore shared, int count) {
        try (Engine rest = ConveyorMain.engines(shared.databases()).start(EngineSpec.readOnly(
                new StoreChoice.Database(SharedStore.URL), List.of(NoopPipeline.threeSteps("noop"))))) {
            return java.util.stream.IntStream.range(0, count)
                    .mapToObj(i -> rest.commands().submit(SubmitJob.startNow(REST_TENANT, "noop",
                            Payload.of("n", i))).orElseThrow())
                    .toList();
        }
    }

    private static void awaitAllCompleted(SharedStore shared, List<Job> jobs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!jobs.stream().allMatch(job -> shared.jobs.find(REST_TENANT, job.id()).orElseThrow().status()
                == JobStatus.COMPLETED)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the worker did not complete the jobs");
            }
            Thread.sleep(20);
        }
    }
}
