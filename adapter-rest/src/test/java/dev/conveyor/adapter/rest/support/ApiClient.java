package dev.conveyor.adapter.rest.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Calls the API over real HTTP/1.1 (Grizzly answers an HTTP/2 upgrade attempt badly) with one bearer token,
 * or none. Every exchange is checked against the API's OpenAPI document ({@link OpenApiConformance}): an answer
 * the document does not describe fails the test that got it.
 */
public final class ApiClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final Optional<String> token;

    public ApiClient(URI base, Optional<String> token) {
        this.base = base;
        this.token = token;
    }

    public ApiClient as(String otherToken) {
        return new ApiClient(base, Optional.of(otherToken));
    }

    public ApiClient anonymous() {
        return new ApiClient(base, Optional.empty());
    }

    public ApiResponse get(String path) {
        return send(request(path).GET());
    }

    public ApiResponse post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public ApiResponse post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** A request to tailor (headers, method, body) before {@link #send}. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        return builder;
    }

    public ApiResponse send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            ApiResponse answer = new ApiResponse(response.statusCode(), response.headers(), response.body());
            OpenApiConformance.document().check(request, RequestBodies.of(request), answer);
            return answer;
        } catch (IOException e) {
            throw new AssertionError("the server did not answer " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public URI base() {
        return base;
    }
}
