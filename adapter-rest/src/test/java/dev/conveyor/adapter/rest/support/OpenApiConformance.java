package dev.conveyor.adapter.rest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks one exchange with the API against its OpenAPI 3.1 document (the file the server serves at
 * {@code /api/v1/openapi.json}), with networknt's JSON Schema validator in its OpenAPI 3.1 dialect. Every
 * {@link ApiClient} call goes through it, so the whole end-to-end suite, on memory and on PostgreSQL, proves the
 * document true:
 * <ul>
 *   <li>the answer's status is one the operation documents, its body matches that status's schema (whose objects
 *       allow no undocumented field), and the headers it marks required are there;</li>
 *   <li>a request that breaks the document (a body or query parameter off its schema, no token where one is
 *       needed, a path or method that is not there) must be refused with a 4xx, or, by an operation marked
 *       {@code x-conveyor-refuses-items-alone} (the batch submit), in the results of the items that break it;</li>
 *   <li>a path the document does not have answers the 404 error envelope; a method it does not list, the 405 one;
 *       {@code OPTIONS} the allowed methods; {@code HEAD} what {@code GET} documents, without a body.</li>
 * </ul>
 * A path whose item names its own {@code servers} (the root's {@code /metrics}) is matched under that server's
 * URL, and an answer documented in another media type than JSON ({@code text/plain}) is checked for its
 * {@code Content-Type}. Other calls outside {@code /api/v1} (the dashboard's files, the root's {@code /health}) are
 * not the API's and are not checked.
 */
public final class OpenApiConformance {

    /** Where the server serves the document, and how the validator names it: nothing is fetched from there. */
    private static final String IRI = "https://conveyor.invalid/api/v1/openapi.json";
    private static final String FILE = "/dev/conveyor/adapter/rest/openapi.json";
    private static final String PREFIX = "/api/v1";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiConformance DOCUMENT = load();

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final List<Route> routes;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiConformance(String text) throws IOException {
        this.document = JSON.readTree(text);
        this.registry = SchemaRegistry.withDialect(Dialects.getOpenApi31(), builder -> builder
                .schemas(Map.of(IRI, text))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        List<Route> found = new ArrayList<>();
        document.get("paths").properties().forEach(path -> found.add(Route.of(prefixOf(path.getValue()),
                path.getKey(), path.getValue())));
        // A literal segment wins over a template (/jobs/batch over /jobs/{id}), as in the server's routing.
        found.sort(Comparator.comparingInt(Route::templates));
        this.routes = List.copyOf(found);
    }

    /** The HTTP operations of a path item, without its other fields ({@code servers}, {@code parameters}). */
    public static List<Map.Entry<String, JsonNode>> operations(JsonNode pathItem) {
        return pathItem.properties().stream().filter(field -> METHODS.contains(field.getKey())).toList();
    }

    /** Where a path is served: under its own first server's URL when it names one, else under the API's. */
    private static String prefixOf(JsonNode pathItem) {
        JsonNode servers = pathItem.path("servers");
        if (servers.isEmpty()) {
            return PREFIX;
        }
        String url = servers.get(0).path("url").asText();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The document in the server's jar, read and compiled once per test JVM. */
    public static OpenApiConformance document() {
        return DOCUMENT;
    }

    /** The document as parsed JSON (for tests that look inside it). */
    public JsonNode json() {
        return document;
    }

    private static OpenApiConformance load() {
        try (InputStream in = OpenApiConformance.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException("no " + FILE + " on the class path");
            }
            return new OpenApiConformance(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param body the request body as sent, empty for none
     * @throws AssertionError naming the call and every way the exchange departs from the document
     */
    public void check(HttpRequest request, Optional<byte[]> body, ApiResponse response) {
        List<String> problems = problems(request, body, response);
        if (!problems.isEmpty()) {
            throw new AssertionError("the API departs from its OpenAPI document on " + request.method() + " "
                    + request.uri().getRawPath() + (request.uri().getRawQuery() == null ? "" : "?"
                    + request.uri().getRawQuery()) + " -> " + response.status() + ":\n  - "
                    + String.join("\n  - ", problems) + "\n  body: " + abbreviate(response.body()));
        }
    }

    /** Every way the exchange departs from the document; empty when it conforms (or is not an API call). */
    public List<String> problems(HttpRequest request, Optional<byte[]> body, ApiResponse response) {
        String path = request.uri().getRawPath();
        Optional<Route> route = routes.stream().filter(r -> r.matches(path)).findFirst();
        if (route.isEmpty() && !path.startsWith(PREFIX + "/")) {
            return List.of();
        }
        String method = request.method().toUpperCase(Locale.ROOT);
        List<String> problems = new ArrayList<>();
        if (route.isEmpty()) {
            expectError(response, 404, "no path of the document matches " + path.substring(PREFIX.length()),
                    problems);
            return problems;
        }
        if (method.equals("OPTIONS")) {
            expectStatus(response, 200, problems);
            validate("#/components/schemas/AllowedMethodsEnvelope", response.body(), "OPTIONS answer", problems);
            return problems;
        }
        boolean head = method.equals("HEAD");
        JsonNode operation = route.get().item().get(head ? "get" : method.toLowerCase(Locale.ROOT));
        if (operation == null) {
            expectError(response, 405, "the document has no " + method + " on " + route.get().template(), problems);
            return problems;
        }
        List<String> requestProblems = requestProblems(operation, request, body);
        if (!requestProblems.isEmpty() && (response.status() < 400 || response.status() >= 500)
                && !refusedItemsAlone(operation, response)) {
            problems.add("a request that breaks the document was not refused with a 4xx: "
                    + String.join("; ", requestProblems));
        }
        JsonNode answer = resolve(operation.path("responses").get(Integer.toString(response.status())));
        if (answer == null) {
            problems.add("status " + response.status() + " is not documented for " + operation.path("operationId")
                    .asText() + " (documented: " + fieldNames(operation.path("responses")) + ")");
            return problems;
        }
        answer.path("headers").properties().forEach(header -> {
            if (resolve(header.getValue()).path("required").asBoolean(false)
                    && response.header(header.getKey()).isEmpty()) {
                problems.add("the required header " + header.getKey() + " is missing");
            }
        });
        JsonNode content = answer.path("content");
        JsonNode schema = content.path("application/json").get("schema");
        if (!head && schema == null && !content.isEmpty()) {
            String documented = content.fieldNames().next();
            String type = response.header("Content-Type").orElse("");
            if (!mediaType(type).equals(mediaType(documented))) {
                problems.add("Content-Type is '" + type + "', the document says " + documented);
            }
            return problems;
        }
        if (head || schema == null) {
            if (!response.body().isEmpty()) {
                problems.add("status " + response.status() + " documents no body, but one came");
            }
            return problems;
        }
        String type = response.header("Content-Type").orElse("");
        if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            problems.add("Content-Type is '" + type + "', the document says application/json");
        }
        validate(schema, response.body(), "answer", problems);
        return problems;
    }

    /** A media type without its parameters, in lower case: {@code text/plain; charset=utf-8} is text/plain. */
    private static String mediaType(String type) {
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private List<String> requestProblems(JsonNode operation, HttpRequest request, Optional<byte[]> body) {
        List<String> problems = new ArrayList<>();
        JsonNode security = operation.has("security") ? operation.get("security") : document.path("security");
        // an empty requirement among the alternatives makes the token optional
        boolean tokenNeeded = !security.isEmpty();
        for (JsonNode requirement : security) {
            tokenNeeded &= !requirement.isEmpty();
        }
        if (tokenNeeded && request.headers().firstValue("Authorization").isEmpty()) {
            problems.add("no bearer token");
        }
        Map<String, String> query = query(request.uri());
        for (JsonNode parameter : operation.path("parameters")) {
            JsonNode p = resolve(parameter);
            if (p.path("in").asText().equals("query")) {
                String name = p.path("name").asText();
                String value = query.remove(name);
                if (value != null) {
                    validate(p.get("schema"), queryValue(value, resolve(p.get("schema"))),
                            "query parameter " + name, problems);
                }
            }
        }
        query.keySet().forEach(name -> problems.add("query parameter " + name + " is not documented"));
        JsonNode requestBody = operation.get("requestBody");
        if (requestBody != null) {
            String type = request.headers().firstValue("Content-Type").orElse("");
            if (body.isEmpty() || body.get().length == 0) {
                problems.add("no request body");
            } else if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                problems.add("request Content-Type '" + type + "'");
            } else {
                validate(requestBody.path("content").path("application/json").get("schema"),
                        new String(body.get(), StandardCharsets.UTF_8), "request body", problems);
            }
        }
        return problems;
    }

    /** An operation that refuses bad items one by one answers 200 with those items among the {@code rejected}. */
    private static boolean refusedItemsAlone(JsonNode operation, ApiResponse response) {
        return operation.path("x-conveyor-refuses-items-alone").asBoolean(false) && response.status() == 200
                && response.data().path("rejected").asInt(0) > 0;
    }

    private void expectError(ApiResponse response, int status, String why, List<String> problems) {
        if (response.status() != status) {
            problems.add(why + ", so the answer must be " + status + ", not " + response.status());
        } else if (!response.body().isEmpty()) {
            validate("#/components/schemas/ErrorEnvelope", response.body(), "error answer", problems);
        }
    }

    private static void expectStatus(ApiResponse response, int status, List<String> problems) {
        if (response.status() != status) {
            problems.add("expected " + status + ", got " + response.status());
        }
    }

    private void validate(JsonNode schemaNode, String instance, String what, List<String> problems) {
        JsonNode ref = schemaNode.get("$ref");
        if (ref != null) {
            validate(ref.asText(), instance, what, problems);
            return;
        }
        validate(registry.getSchema(schemaNode), instance, what, problems);
    }

    private void validate(JsonNode schemaNode, JsonNode instance, String what, List<String> problems) {
        try {
            validate(schemaNode, JSON.writeValueAsString(instance), what, problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void validate(String ref, String instance, String what, List<String> problems) {
        Schema schema = schemas.computeIfAbsent(ref, r -> registry.getSchema(SchemaLocation.of(IRI + r)));
        validate(schema, instance, what, problems);
    }

    private static void validate(Schema schema, String instance, String what, List<String> problems) {
        JsonNode node;
        try {
            node = JSON.readTree(instance);
        } catch (IOException e) {
            problems.add(what + " is not JSON");
            return;
        }
        if (node == null || node.isMissingNode()) {
            problems.add(what + " is empty");
            return;
        }
        for (Error error : schema.validate(node)) {
            problems.add(what + ": " + error.getInstanceLocation() + " " + error.getMessage());
        }
    }

    /** A query value as the schema's type reads it: a number where it wants a number, else the text. */
    private static JsonNode queryValue(String value, JsonNode schema) {
        String type = schema.path("type").asText("string");
        if (type.equals("integer")) {
            try {
                return JsonNodeFactory.instance.numberNode(Long.parseLong(value));
            } catch (NumberFormatException e) {
                return JsonNodeFactory.instance.textNode(value);
            }
        }
        return JsonNodeFactory.instance.textNode(value);
    }

    private JsonNode resolve(JsonNode node) {
        if (node == null || !node.has("$ref")) {
            return node;
        }
        String pointer = node.get("$ref").asText();
        return resolve(document.at(pointer.substring(1)));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new java.util.HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            query.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static String abbreviate(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "…";
    }

    /** A path of the document, as a pattern over request paths. */
    private record Route(String template, JsonNode item, Pattern pattern, int templates) {

        static Route of(String prefix, String template, JsonNode item) {
            StringBuilder regex = new StringBuilder(Pattern.quote(prefix));
            int templates = 0;
            for (String part : template.split("(?=\\{)|(?<=\\})")) {
                if (part.startsWith("{")) {
                    regex.append("[^/]+");
                    templates++;
                } else {
                    regex.append(Pattern.quote(part));
                }
            }
            return new Route(template, item, Pattern.compile(regex.toString()), templates);
        }

        boolean matches(String path) {
            return pattern.matcher(path).matches();
        }
    }
}
