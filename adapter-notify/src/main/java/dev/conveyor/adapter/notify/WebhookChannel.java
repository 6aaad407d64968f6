package dev.conveyor.adapter.notify;

import dev.conveyor.model.Delivery;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Posts a delivery's body to its endpoint, signed the Standard Webhooks way: {@code webhook-id} (the message's id,
 * the same on every attempt), {@code webhook-timestamp} (the attempt's, in seconds) and {@code webhook-signature}.
 * Any 2xx answer delivers; any other answer, a timeout or a connection failure is tried again.
 */
final class WebhookChannel implements Channel {

    static final String NAME = "webhook";

    private final List<WebhookEndpoint> endpoints;
    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;

    WebhookChannel(List<WebhookEndpoint> endpoints, Duration timeout, Clock clock) {
        this.endpoints = List.copyOf(endpoints);
        this.timeout = timeout;
        this.clock = clock;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Attempt attempt(Delivery delivery) {
        Optional<WebhookEndpoint> endpoint = endpoints.stream()
                .filter(e -> e.url().toString().equals(delivery.target())
                        && e.subscription().covers(delivery.tenant(), delivery.event()))
                .findFirst();
        if (endpoint.isEmpty()) {
            return Attempt.refused("the endpoint is no longer configured for this tenant and event");
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(endpoint.get().url()).timeout(timeout)
                .header("content-type", "application/json")
                .header("user-agent", "Conveyor-Webhooks")
                .header("webhook-id", delivery.messageId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(endpoint.get().secret(), delivery.messageId(),
                        timestamp, delivery.body()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body(), StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            String result = "HTTP " + response.statusCode();
            return response.statusCode() / 100 == 2 ? Attempt.delivered(result) : Attempt.failed(result);
        } catch (IOException e) {
            return Attempt.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.failed("interrupted: the notifier is stopping");
        }
    }
}
