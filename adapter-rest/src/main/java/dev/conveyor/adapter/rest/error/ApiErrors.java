package dev.conveyor.adapter.rest.error;

import java.time.Duration;
import java.util.Map;

/** The errors the API answers with, one factory each, so codes and wording stay the same everywhere. */
public final class ApiErrors {

    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private ApiErrors() {
    }

    public static ApiException jobNotFound() {
        return new ApiException(404, "job_not_found",
                "No such job exists for you. Check the job id (a UUID) returned when the job was created.");
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    /** An idempotency key that is empty, too long or not printable ASCII. */
    public static ApiException invalidIdempotencyKey(String message) {
        return new ApiException(400, "invalid_idempotency_key", message);
    }

    /** A query parameter that cannot be used, named, with what it accepts. */
    public static ApiException invalidParameter(String name, String accepts) {
        return new ApiException(400, "invalid_parameter", "Query parameter '" + name + "' " + accepts + ".");
    }

    public static ApiException unauthenticated(String message) {
        return new ApiException(401, "unauthenticated", message,
                Map.of("WWW-Authenticate", "Bearer realm=\"conveyor\""));
    }

    public static ApiException forbidden() {
        return new ApiException(403, "forbidden",
                "Your token may only read. Use a token with the write role to create or change jobs.");
    }

    /** A batch with more items than one request may carry. */
    public static ApiException tooManyItems(String field, int count, int max) {
        return new ApiException(413, "too_many_items", "Field '" + field + "' holds " + count + " items; a request "
                + "takes at most " + max + ". Send them in several requests of up to " + max + ".");
    }

    /**
     * The job store cannot be reached: nothing is wrong with the request, and the same request will work once the
     * store is back. {@code Retry-After} says when to try (whole seconds, at least 1).
     */
    public static ApiException storeUnavailable(Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new ApiException(503, "store_unavailable", "Conveyor cannot reach its job store right now, so this "
                + "request was not carried out. Nothing is wrong with the request: send it again in " + seconds
                + (seconds == 1 ? " second" : " seconds") + " (the Retry-After header).",
                Map.of("Retry-After", Long.toString(seconds)));
    }

    public static ApiException bodyTooLarge() {
        return new ApiException(413, "payload_too_large",
                "The request body is larger than 1 MiB. Send a smaller input, or pass large data by reference "
                        + "(a URL or a file name).");
    }
}
