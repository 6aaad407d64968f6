package dev.conveyor.adapter.rest;

import dev.conveyor.adapter.rest.support.ApiClient;
import dev.conveyor.adapter.rest.support.DemoJobs;
import dev.conveyor.adapter.rest.support.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Closing the server stops a running job at its step's next checkpoint rather than waiting for the whole job. */
class GracefulShutdownTest {

    @Test
    void closingWhileAJobRunsStopsWithinTheGraceAndReleasesThePort() {
        TestServer server = TestServer.start();
        ApiClient client = server.client();
        DemoJobs jobs = new DemoJobs(client);
        String id = jobs.start("{\"files\": 1000, \"time_scale\": 1}");
        jobs.pollUntil(id, view -> view.get("status").asText().equals("extracting"), Duration.ofSeconds(10));
        int port = server.port();

        long started = System.nanoTime();
        server.close();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(took.compareTo(ServerMain.STEP_GRACE.plusSeconds(3)) < 0,
                "a 1000-file job (~80 min) was stopped at a checkpoint, the close took " + took);
        assertThrows(ConnectException.class, () -> connect(port), "the server no longer accepts connections");
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getInputStream();
        }
    }
}
