package dev.conveyor.adapter.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.ReviewDecision;
import dev.conveyor.model.ReviewItem;
import org.jooq.JSONB;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The JSONB columns of a job as Jackson writes and reads them: input, options and review lists. */
final class JobJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private JobJson() {
    }

    static JSONB payload(Payload payload) {
        return write(payload.values());
    }

    static Payload payload(JSONB json) {
        return payload(read(json));
    }

    static Payload payload(JsonNode node) {
        return node == null || node.isNull() ? Payload.empty() : new Payload(MAPPER.convertValue(node, OBJECT));
    }

    static JsonNode tree(Payload payload) {
        return MAPPER.valueToTree(payload.values());
    }

    static JSONB options(PipelineOptions options) {
        ObjectNode node = MAPPER.createObjectNode();
        options.startFrom().ifPresent(step -> node.put("start_from", step));
        node.put("skip_review", options.skipReview());
        node.put("force_reprocess", options.forceReprocess());
        node.put("auto_approve_above", options.autoApproveAbove());
        node.put("notify_on_review", options.notifyOnReview());
        ArrayNode continuing = node.putArray("continue_past_failure");
        options.continuePastFailure().stream().sorted().forEach(continuing::add);
        return write(node);
    }

    static PipelineOptions options(JSONB json) {
        JsonNode node = read(json);
        Set<String> continuing = new HashSet<>();
        node.path("continue_past_failure").forEach(step -> continuing.add(step.asText()));
        return new PipelineOptions(text(node, "start_from"), node.path("skip_review").asBoolean(),
                node.path("force_reprocess").asBoolean(),
                node.path("auto_approve_above").asDouble(PipelineOptions.DEFAULT_AUTO_APPROVE_ABOVE),
                node.path("notify_on_review").asBoolean(true), continuing);
    }

    static JSONB reviewItems(List<ReviewItem> items) {
        ArrayNode array = MAPPER.createArrayNode();
        for (ReviewItem item : items) {
            array.addObject().put("id", item.id()).put("confidence", item.confidence()).put("label", item.label())
                    .put("requested_by", item.requestedBy());
        }
        return write(array);
    }

    static List<ReviewItem> reviewItems(JSONB json) {
        List<ReviewItem> items = new ArrayList<>();
        for (JsonNode node : read(json)) {
            items.add(new ReviewItem(node.path("id").asText(), node.path("confidence").asDouble(),
                    node.path("label").asText(), node.path("requested_by").asText()));
        }
        return items;
    }

    static JSONB reviewDecisions(List<ReviewDecision> decisions) {
        ArrayNode array = MAPPER.createArrayNode();
        for (ReviewDecision decision : decisions) {
            ObjectNode node = array.addObject().put("item_id", decision.itemId()).put("approved", decision.approved());
            decision.comment().ifPresent(comment -> node.put("comment", comment));
        }
        return write(array);
    }

    static List<ReviewDecision> reviewDecisions(JSONB json) {
        List<ReviewDecision> decisions = new ArrayList<>();
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
