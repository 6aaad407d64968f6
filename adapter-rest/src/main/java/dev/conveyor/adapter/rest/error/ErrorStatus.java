package dev.conveyor.adapter.rest.error;

/**
 * The stable code and a message a caller can act on for an HTTP error status that the framework raises
 * itself (no route, wrong method, wrong media type...), never the framework's own wording.
 */
public record ErrorStatus(int status, String code, String message) {

    public static ErrorStatus of(int status) {
        return switch (status) {
            case 400 -> new ErrorStatus(400, "bad_request",
                    "The request could not be understood. Check its URL, headers and body.");
            case 401 -> new ErrorStatus(401, "unauthenticated",
                    "Send a valid token: Authorization: Bearer <token>.");
            case 403 -> new ErrorStatus(403, "forbidden", "You may not do this with your token.");
            case 404 -> new ErrorStatus(404, "not_found",
                    "There is nothing at this address. The dashboard is at /, the API under /api/v1 "
                            + "(see GET /api/v1/pipelines).");
            case 405 -> new ErrorStatus(405, "method_not_allowed",
                    "This address does not accept that HTTP method; the Allow header lists those it does.");
            case 406 -> new ErrorStatus(406, "not_acceptable",
                    "This API answers in JSON only: accept application/json.");
            case 411 -> new ErrorStatus(411, "length_required", "Send a Content-Length with the request body.");
            case 413 -> new ErrorStatus(413, "payload_too_large", "The request is too large.");
            case 414 -> new ErrorStatus(414, "uri_too_long", "The request address is too long.");
            case 415 -> new ErrorStatus(415, "unsupported_media_type",
                    "Send the request body as JSON, with Content-Type: application/json.");
            case 431 -> new ErrorStatus(431, "headers_too_large", "The request headers are too large.");
            case 503 -> new ErrorStatus(503, "unavailable", "The service is not available right now; try again shortly.");
            default -> status >= 500
                    ? new ErrorStatus(status, "internal_error",
                            "Something went wrong on our side. Try again; if it keeps happening, contact support.")
                    : new ErrorStatus(status, "request_refused", "The request was refused (HTTP " + status + ").");
        };
    }
}
