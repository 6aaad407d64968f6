package dev.conveyor.adapter.postgres;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.ReviewDecision;
import dev.conveyor.model.ReviewItem;
import org.jooq.JSONB;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JSONB columns of a job as Jackson writes and reads them: input, options and review lists. Every write of a
 * job encodes its JSON columns again, so they are written with Jackson's streaming generator, field by field,
 * rather than built as a tree first; the text is the same.
 */
final class JobJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    /**
     * A JSON object as a map, its type resolved once: Jackson resolves a {@code TypeReference} again on every call,
     * which took 21 of the 47 samples reading claimed jobs' input in a profile of a five-step drain.
     */
    static final JavaType OBJECT = MAPPER.getTypeFactory().constructType(new TypeReference<Map<String, Object>>() { });
    private static final JSONB EMPTY_ARRAY = JSONB.valueOf("[]");
    /** Most jobs run with the default options: their text is made once. */
    private static final PipelineOptions DEFAULT_OPTIONS = PipelineOptions.defaults();
    private static final JSONB DEFAULT_OPTIONS_JSON = writeOptions(DEFAULT_OPTIONS);
    private static final Cache<String, PipelineOptions> READ_OPTIONS = Caffeine.newBuilder().maximumSize(256)
            .executor(Runnable::run).build();

    /** What a JSON text holds, written to a generator. */
    @FunctionalInterface
    interface Content {
        void writeTo(JsonGenerator json) throws IOException;
    }

    private JobJson() {
    }

    static JSONB payload(Payload payload) {
        return JSONB.valueOf(text(json -> writeObject(json, payload.values())));
    }

    static Payload payload(JSONB json) {
        try {
            Map<String, Object> values = MAPPER.readValue(json.data(), OBJECT);
            return values == null ? Payload.empty() : new Payload(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not readable: " + e.getOriginalMessage(), e);
        }
    }

    private static boolean isEmptyArray(JSONB json) {
        return "[]".equals(json.data());
    }

    static Payload payload(JsonNode node) {
        return node == null || node.isNull() ? Payload.empty() : new Payload(MAPPER.convertValue(node, OBJECT));
    }

    static JSONB options(PipelineOptions options) {
        return options.equals(DEFAULT_OPTIONS) ? DEFAULT_OPTIONS_JSON : writeOptions(options);
    }

    private static JSONB writeOptions(PipelineOptions options) {
        return JSONB.valueOf(text(json -> {
            json.writeStartObject();
            if (options.startFrom().isPresent()) {
                json.writeStringField("start_from", options.startFrom().get());
            }
            json.writeBooleanField("skip_review", options.skipReview());
            json.writeBooleanField("force_reprocess", options.forceReprocess());
            json.writeNumberField("auto_approve_above", options.autoApproveAbove());
            json.writeBooleanField("notify_on_review", options.notifyOnReview());
            json.writeArrayFieldStart("continue_past_failure");
            for (String step : options.continuePastFailure().stream().sorted().toList()) {
                json.writeString(step);
            }
            json.writeEndArray();
            json.writeEndObject();
        }));
    }

    /**
     * The options a column holds. Most jobs share a few texts (the defaults above all), so each text is read
     * once and its options kept; they are immutable.
     */
    static PipelineOptions options(JSONB json) {
        return READ_OPTIONS.get(json.data(), text -> readOptions(JSONB.valueOf(text)));
    }

    private static PipelineOptions readOptions(JSONB json) {
        JsonNode node = read(json);
        Set<String> continuing = new HashSet<>();
        node.path("continue_past_failure").forEach(step -> continuing.add(step.asText()));
        return new PipelineOptions(text(node, "start_from"), node.path("skip_review").asBoolean(),
                node.path("force_reprocess").asBoolean(),
                node.path("auto_approve_above").asDouble(PipelineOptions.DEFAULT_AUTO_APPROVE_ABOVE),
                node.path("notify_on_review").asBoolean(true), continuing);
    }

    static JSONB reviewItems(List<ReviewItem> items) {
        if (items.isEmpty()) {
            return EMPTY_ARRAY;
        }
        return JSONB.valueOf(text(json -> {
            json.writeStartArray();
            for (ReviewItem item : items) {
                json.writeStartObject();
                json.writeStringField("id", item.id());
                json.writeNumberField("confidence", item.confidence());
                json.writeStringField("label", item.label());
                json.writeStringField("requested_by", item.requestedBy());
                json.writeEndObject();
            }
            json.writeEndArray();
        }));
    }

    static List<ReviewItem> reviewItems(JSONB json) {
        List<ReviewItem> items = new ArrayList<>();
        if (isEmptyArray(json)) {
            return items;
        }
        for (JsonNode node : read(json)) {
            items.add(new ReviewItem(node.path("id").asText(), node.path("confidence").asDouble(),
                    node.path("label").asText(), node.path("requested_by").asText()));
        }
        return items;
    }

    static JSONB reviewDecisions(List<ReviewDecision> decisions) {
        if (decisions.isEmpty()) {
            return EMPTY_ARRAY;
        }
        return JSONB.valueOf(text(json -> {
            json.writeStartArray();
            for (ReviewDecision decision : decisions) {
                json.writeStartObject();
                json.writeStringField("item_id", decision.itemId());
                json.writeBooleanField("approved", decision.approved());
                if (decision.comment().isPresent()) {
                    json.writeStringField("comment", decision.comment().get());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }));
    }

    static List<ReviewDecision> reviewDecisions(JSONB json) {
        List<ReviewDecision> decisions = new ArrayList<>();
        if (isEmptyArray(json)) {
            return decisions;
        }
        for (JsonNode node : read(json)) {
            decisions.add(new ReviewDecision(node.path("item_id").asText(), node.path("approved").asBoolean(),
                    text(node, "comment")));
        }
        return decisions;
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    /** The JSON text {@code content} writes. */
    static String text(Content content) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
            content.writeTo(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write as JSON: " + e.getMessage(), e);
        }
        return out.toString();
    }

    /** A payload's map as a JSON object: its values are JSON's own kinds, nested (see {@link Payload}). */
    static void writeObject(JsonGenerator json, Map<?, ?> values) throws IOException {
        json.writeStartObject();
        for (Map.Entry<?, ?> entry : values.entrySet()) {
            json.writeFieldName(String.valueOf(entry.getKey()));
            writeValue(json, entry.getValue());
        }
        json.writeEndObject();
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        switch (value) {
            case null -> json.writeNull();
            case String text -> json.writeString(text);
            case Boolean flag -> json.writeBoolean(flag);
            case Integer number -> json.writeNumber(number.intValue());
            case Long number -> json.writeNumber(number.longValue());
            case Double number -> json.writeNumber(number.doubleValue());
            case Float number -> json.writeNumber(number.floatValue());
            case Short number -> json.writeNumber(number.shortValue());
            case BigDecimal number -> json.writeNumber(number);
            case BigInteger number -> json.writeNumber(number);
            case Map<?, ?> map -> writeObject(json, map);
            case List<?> list -> {
                json.writeStartArray();
                for (Object element : list) {
                    writeValue(json, element);
                }
                json.writeEndArray();
            }
            default -> json.writeObject(value); // any other kind Jackson knows how to write
        }
    }

    static JSONB write(Object value) {
        try {
            return JSONB.valueOf(MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static JsonNode read(JSONB json) {
        try {
            return MAPPER.readTree(json.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
