package dev.conveyor.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.conveyor.adapter.rest.support.ApiResponse;
import dev.conveyor.adapter.rest.support.DemoJobs;
import dev.conveyor.adapter.rest.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server wired with notifications by its environment ({@code CONVEYOR_NOTIFY_JSON}): a completed job
 * is posted to the tenant's webhook, and {@code GET /api/v1/webhooks/deliveries} shows the delivery to that tenant
 * alone.
 */
class DeliveriesApiTest {

    private final List<String> webhookIds = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            webhookIds.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String config = """
                {"webhooks": [{"tenant": "acme", "events": ["review_needed", "completed"],
                               "url": "http://127.0.0.1:%d/hook", "secret_env": "HOOK_SECRET"}]}
                """.formatted(receiver.getAddress().getPort());
        server = TestServer.inMemory(Map.of("CONVEYOR_NOTIFY_JSON", config,
                "HOOK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    }

    @AfterEach
    void stop() {
        server.close();
        receiver.stop(0);
    }

    @Test
    void aCompletionIsPostedAndItsDeliveryListedForTheTenantAlone() throws Exception {
        DemoJobs jobs = new DemoJobs(server.client());
        String id = jobs.start("{\"files\": 2, \"time_scale\": 0}");
        assertEquals("completed", jobs.awaitStopped(id).get("status").asText());

        JsonNode delivery = awaitDelivered(id);
        assertEquals("completed", delivery.get("event").asText());
        assertEquals("webhook", delivery.get("channel").asText());
        assertEquals(1, delivery.get("attempts").asInt());
        assertEquals("HTTP 204", delivery.get("last_result").asText());
        assertEquals(List.of(delivery.get("message_id").asText()), webhookIds);
        assertEquals(1, server.client().get("api/v1/webhooks/deliveries").data().size(), "all of acme's");

        ApiResponse other = server.client().as(TestServer.GLOBEX_WRITER).get("api/v1/webhooks/deliveries?job_id=" + id);
        assertEquals(200, other.status());
        assertEquals(0, other.data().size(), "another tenant sees none of acme's deliveries");
    }

    @Test
    void aFilterThatIsNotAJobIdOrALimitOutOfRangeIsRefused() {
        ApiResponse badJob = server.client().get("api/v1/webhooks/deliveries?job_id=42");
        assertEquals(400, badJob.status());
        assertTrue(badJob.errorMessage().contains("job_id"), badJob.errorMessage());
        assertEquals(400, server.client().get("api/v1/webhooks/deliveries?limit=0").status());
        assertEquals(401, server.client().anonymous().get("api/v1/webhooks/deliveries").status());
    }

    private JsonNode awaitDelivered(String id) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            JsonNode list = server.client().get("api/v1/webhooks/deliveries?job_id=" + id).data();
            if (list.size() == 1 && list.get(0).get("status").asText().equals("delivered")) {
                return list.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no delivered delivery for " + id + ": " + list);
            }
            Thread.sleep(20);
        }
    }
}
