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

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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
    void aWorkerServesItsMetersOnTheMetricsPort() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        CliHarness cli = new CliHarness(dir).builtIns(NoopPipeline.threeSteps("noop"));
        CompletableFuture<CliHarness.Result> worker = CompletableFuture.supplyAsync(() -> cli.run("worker",
                "--db", SharedStore.URL, "--parallel", "2", "--metrics-port", String.valueOf(port)));
        try {
            List<Job> submitted = submitElsewhere(cli.shared, 4);
            awaitAllCompleted(cli.shared, submitted);

            HttpResponse<String> scrape = scrape(port);

            assertEquals(200, scrape.statusCode(), scrape.body());
            String text = scrape.body();
            assertEquals(4.0, sample(text, "conveyor_jobs_completed_total{", "pipeline=\"noop\""));
            assertEquals(4.0, sample(text, "conveyor_step_duration_seconds_count{", "step=\"first\"",
                    "outcome=\"completed\""));
            assertEquals(0.0, sample(text, "conveyor_queue_depth "));
            assertTrue(text.contains("jvm_threads_live_threads"), text);
        } finally {
            cli.interrupts.fire();
        }
        CliHarness.Result result = worker.get(20, TimeUnit.SECONDS);
        assertEquals(130, result.exit(), result.toString());
        assertTrue(result.out().contains("meters served at http://127.0.0.1:" + port + "/metrics"), result.out());
    }

    @Test
    void aMetricsPortOnAWideAddressNeedsAToken() {
        CliHarness.Result result = new CliHarness(dir).builtIns(NoopPipeline.threeSteps("noop")).run("worker",
                "--db", SharedStore.URL, "--metrics-port", "0", "--metrics-host", "0.0.0.0");

        assertEquals(2, result.exit(), result.toString());
        assertTrue(result.err().startsWith("conveyor: the meters would refuse every scrape on 0.0.0.0: set "
                + "CONVEYOR_METRICS_TOKEN"), result.err());
    }

    /** The value of the one sample line that starts so and has these labels. */
    private static double sample(String text, String start, String... labels) {
        List<String> lines = text.lines().filter(line -> line.startsWith(start))
                .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains)).toList();
        assertEquals(1, lines.size(), start + " in:\n" + text);
        return Double.parseDouble(lines.getFirst().substring(lines.getFirst().lastIndexOf(' ') + 1));
    }

    private static HttpResponse<String> scrape(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.net.ConnectException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(50);
            }
        }
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
