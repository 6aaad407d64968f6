package dev.conveyor.adapter.rest.outage;

import dev.conveyor.adapter.rest.support.ApiClient;
import dev.conveyor.adapter.rest.support.ApiResponse;
import dev.conveyor.adapter.rest.support.TestServer;
import dev.conveyor.testing.postgres.TcpProxy;
import dev.conveyor.testing.postgres.TestPostgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * The real server on PostgreSQL behind a {@link TcpProxy}, with workers running demo jobs and clients calling the
 * API the whole time, recording every answer: its kind, when it was sent, how long it took, its status and error
 * code. A test makes the proxy fail, restores it, and asks this what happened.
 */
final class OutageRun implements AutoCloseable {

    /** One API answer. */
    record Call(String kind, long sentAtNanos, long tookNanos, int status, String code) {
        double tookMs() {
            return tookNanos / 1e6;
        }
    }

    private static final String JOB = "{\"pipeline\": \"demo\", \"start\": true, "
            + "\"input\": {\"files\": 1, \"time_scale\": 0.2}}";

    final TcpProxy proxy;
    final TestServer server;
    final ApiClient client;
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> clients = new ArrayList<>();
    private volatile boolean calling = true;
    private volatile boolean submitting = true;

    OutageRun() {
        TestPostgres.Server db = TestPostgres.server();
        this.proxy = TcpProxy.toJdbcUrl(db.url());
        this.server = TestServer.onPostgres(proxy::route, 4);
        this.client = server.client();
    }

    /** Submits {@code jobs} started demo jobs (a couple of seconds each), then starts the callers. */
    void start(int jobs) {
        for (int i = 0; i < jobs; i++) {
            ApiResponse created = submit();
            if (created.status() != 201) {
                throw new AssertionError("the store is up, yet a submit answered " + created);
            }
        }
        for (int i = 0; i < 3; i++) {
            clients.add(Thread.ofPlatform().daemon().name("poller-" + i).start(() -> loop("poll", () -> {
                String id = accepted.get(ThreadLocalRandom.current().nextInt(accepted.size()));
                return client.get("api/v1/jobs/" + id + "/progress");
            })));
        }
        clients.add(Thread.ofPlatform().daemon().name("submitter").start(() -> loop("submit", this::submit)));
        clients.add(Thread.ofPlatform().daemon().name("ready").start(() -> loop("ready",
                () -> client.anonymous().get("ready"))));
    }

    private ApiResponse submit() {
        ApiResponse created = client.post("api/v1/jobs", JOB);
        if (created.status() == 201) {
            accepted.add(created.data().get("id").asText());
        }
        return created;
    }

    private void loop(String kind, java.util.function.Supplier<ApiResponse> call) {
        while (calling && (submitting || !kind.equals("submit"))) {
            long sent = System.nanoTime();
            ApiResponse answer = call.get();
            long took = System.nanoTime() - sent;
            calls.add(new Call(kind, sent, took, answer.status(), answer.status() >= 400 ? answer.errorCode() : ""));
            if (answer.status() == 503 && "store_unavailable".equals(answer.errorCode())
                    && answer.header("Retry-After").isEmpty()) {
                calls.add(new Call(kind, sent, took, 599, "missing Retry-After"));
            }
            sleep(kind.equals("submit") ? 100 : 20);
        }
    }

    /** Every answer recorded so far, in the order they were sent. */
    List<Call> calls() {
        List<Call> all = new ArrayList<>(calls);
        all.sort((a, b) -> Long.compare(a.sentAtNanos(), b.sentAtNanos()));
        return all;
    }

    /** Waits up to {@code timeout} for an answer sent after {@code sentAfter} that matches; its time sent. */
    long awaitCall(long sentAfter, Predicate<Call> matching, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Call call : calls()) {
                if (call.sentAtNanos() >= sentAfter && matching.test(call)) {
                    return call.sentAtNanos();
                }
            }
            sleep(20);
        }
        throw new AssertionError(what + " within " + timeout);
    }

    /** Stops the callers. */
    void stopCalling() throws InterruptedException {
        calling = false;
        for (Thread thread : clients) {
            thread.join(30_000);
        }
    }

    List<String> accepted() {
        return List.copyOf(accepted);
    }

    /**
     * Stops submitting, then waits until every accepted job has completed; fails naming those that did not. New jobs
     * would race the wait: a job whose worker lost its write during the fault is requeued once its lease expires and
     * then waits behind every job queued since, as the queue promises, so a submitter still feeding the queue could
     * hold it past any deadline.
     */
    void awaitAllCompleted(Duration timeout) {
        submitting = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> left = accepted();
        while (!left.isEmpty()) {
            left = left.stream().filter(id -> {
                ApiResponse progress = client.get("api/v1/jobs/" + id + "/progress");
                return progress.status() != 200 || !progress.data().get("status").asText().equals("completed");
            }).toList();
            if (left.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(left.size() + " of " + accepted().size() + " jobs did not complete within "
                        + timeout + " after the outage, e.g. " + client.get("api/v1/jobs/" + left.getFirst()));
            }
            sleep(200);
        }
    }

    /** How many times each (job, completion event) was recorded, where more than once: a step completed twice. */
    List<String> completionsRecordedTwice() throws Exception {
        TestPostgres.Server db = TestPostgres.server();
        String schema = server.schema().orElseThrow();
        List<String> twice = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
             PreparedStatement query = connection.prepareStatement("select job_id, type, count(*) from " + schema
                     + ".audit_event where type like '%complete' group by job_id, type having count(*) > 1");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                twice.add(rows.getString(1) + " " + rows.getString(2) + " x" + rows.getInt(3));
            }
        }
        return twice;
    }

    /** How many completion events each accepted job has: one per ordinary step and one for the job. */
    int completionEvents(String jobId) throws Exception {
        TestPostgres.Server db = TestPostgres.server();
        try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
             PreparedStatement query = connection.prepareStatement("select count(*) from "
                     + server.schema().orElseThrow() + ".audit_event where job_id = ?::uuid and type like '%complete'")) {
            query.setString(1, jobId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        calling = false;
        proxy.restore();
        server.close();
        proxy.close();
    }
}
