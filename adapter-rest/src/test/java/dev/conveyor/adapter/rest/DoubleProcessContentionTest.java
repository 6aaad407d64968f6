package dev.conveyor.adapter.rest;

import dev.conveyor.adapter.rest.support.ApiClient;
import dev.conveyor.adapter.rest.support.ApiResponse;
import dev.conveyor.adapter.rest.support.DemoJobs;
import dev.conveyor.adapter.rest.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Many clients press "process" on the same job at the same instant: exactly one starts it, the rest get 409. */
class DoubleProcessContentionTest {

    private static final int CLIENTS = 24;
    private static final int JOBS = 4;

    private static TestServer server;
    private static ApiClient client;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        client = server.client();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void ofManySimultaneousProcessCallsExactlyOneIsAcceptedAndTheOthersAre409() throws Exception {
        DemoJobs jobs = new DemoJobs(client);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            for (int j = 0; j < JOBS; j++) {
                String id = jobs.create("{\"files\": 1, \"time_scale\": 1}");
                CountDownLatch ready = new CountDownLatch(CLIENTS);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<ApiResponse>> calls = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    calls.add(pool.submit(() -> {
                        ready.countDown();
                        go.await();
                        return client.post("api/v1/jobs/" + id + "/process");
                    }));
                }
                ready.await();
                go.countDown();

                int accepted = 0;
                int conflicts = 0;
                for (Future<ApiResponse> call : calls) {
                    ApiResponse response = call.get();
                    if (response.status() == 202) {
                        accepted++;
                    } else {
                        assertEquals(409, response.status(), response::toString);
                        assertEquals("already_processing", response.errorCode());
                        conflicts++;
                    }
                }
                assertEquals(1, accepted, "job " + j);
                assertEquals(CLIENTS - 1, conflicts);
                client.post("api/v1/jobs/" + id + "/cancel");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
