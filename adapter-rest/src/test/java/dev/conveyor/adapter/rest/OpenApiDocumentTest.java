package dev.conveyor.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conveyor.adapter.rest.error.ApiErrors;
import dev.conveyor.adapter.rest.error.ErrorStatus;
import dev.conveyor.adapter.rest.error.Refusals;
import dev.conveyor.adapter.rest.support.ApiClient;
import dev.conveyor.adapter.rest.support.ApiResponse;
import dev.conveyor.adapter.rest.support.OpenApiConformance;
import dev.conveyor.adapter.rest.support.TestServer;
import dev.conveyor.port.in.Rejection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/v1/openapi.json} serves the document as it is in the jar, with no token and an ETag; and every
 * error code the API's error factories can answer with is in the document's {@code ErrorCode} enum.
 */
class OpenApiDocumentTest {

    private static TestServer server;
    private static ApiClient anonymous;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        anonymous = server.client().anonymous();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theDocumentIsServedAsItIsWithoutATokenAndAnUnchangedOneCostsA304() {
        ApiResponse document = anonymous.get("api/v1/openapi.json");

        assertEquals(200, document.status(), document::toString);
        assertEquals(OpenApiConformance.document().json(), document.json());
        assertEquals("3.1.0", document.json().get("openapi").asText());
        String etag = document.header("ETag").orElseThrow();
        ApiResponse again = anonymous.send(anonymous.request("api/v1/openapi.json").header("If-None-Match", etag).GET());
        assertEquals(304, again.status());
    }

    @Test
    void everyErrorCodeTheApiCanAnswerIsAnEnumValueOfTheDocument() {
        Set<String> documented = new HashSet<>();
        OpenApiConformance.document().json().at("/components/schemas/ErrorCode/enum")
                .forEach(code -> documented.add(code.asText()));
        Set<String> answered = new HashSet<>();
        for (int status = 400; status < 600; status++) {
            answered.add(ErrorStatus.of(status).code());
        }
        for (Rejection.Reason reason : Rejection.Reason.values()) {
            answered.add(Refusals.of(new Rejection(reason, "m")).code());
        }
        answered.add(ApiErrors.jobNotFound().code());
        answered.add(ApiErrors.forbidden().code());
        answered.add(ApiErrors.unauthenticated("m").code());
        answered.add(ApiErrors.invalidParameter("p", "m").code());
        answered.add(ApiErrors.tooManyItems("f", 2, 1).code());
        answered.add(ApiErrors.bodyTooLarge().code());
        answered.add(ApiErrors.storeUnavailable(java.time.Duration.ofSeconds(1)).code());

        answered.removeAll(documented);
        assertEquals(Set.of(), answered, "codes the API answers with that the document does not list");
    }

    @Test
    void everyOperationIsNamedAndTagged() {
        Set<String> ids = new HashSet<>();
        JsonNode paths = OpenApiConformance.document().json().get("paths");
        paths.properties().forEach(path -> OpenApiConformance.operations(path.getValue()).forEach(operation -> {
            String id = operation.getValue().path("operationId").asText();
            assertTrue(ids.add(id), "operationId " + id + " is unique");
            assertTrue(operation.getValue().path("tags").size() > 0, id + " has a tag");
        }));
    }
}
