package dev.conveyor.adapter.rest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.util.Optional;

/** One answer of the API as a test sees it: status, headers, raw body and, when it is JSON, the parsed envelope. */
public record ApiResponse(int status, HttpHeaders headers, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("the body is not JSON: " + body, e);
        }
    }

    public JsonNode data() {
        return json().get("data");
    }

    public String errorCode() {
        JsonNode error = json().get("error");
        return error == null || error.isNull() ? null : error.get("code").asText();
    }

    public String errorMessage() {
        JsonNode error = json().get("error");
        return error == null || error.isNull() ? null : error.get("message").asText();
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
