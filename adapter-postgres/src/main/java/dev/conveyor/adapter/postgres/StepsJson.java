package dev.conveyor.adapter.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.UserError;
import org.jooq.JSONB;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The {@code pipeline_steps} column: one JSON object per step record, in pipeline order (seed 000's shape). */
final class StepsJson {

    private StepsJson() {
    }

    static JSONB write(List<StepRecord> steps) {
        ArrayNode array = JobJson.MAPPER.createArrayNode();
        for (StepRecord step : steps) {
            ObjectNode node = array.addObject();
            node.put("name", step.name());
            node.put("status", step.status().wireName());
            step.startedAt().ifPresent(at -> node.put("started_at", at.toString()));
            step.completedAt().ifPresent(at -> node.put("completed_at", at.toString()));
            step.durationMs().ifPresent(ms -> node.put("duration_ms", ms));
            node.put("attempts", step.attempts());
            node.put("units_done", step.unitsDone());
            node.put("units_total", step.unitsTotal());
            node.put("cost_usd", step.costUsd());
            step.error().ifPresent(error -> node.putObject("error")
                    .put("code", error.code()).put("message", error.message()));
            if (!step.warnings().isEmpty()) {
                ArrayNode warnings = node.putArray("warnings");
                step.warnings().forEach(warnings::add);
            }
            if (!step.output().isEmpty()) {
                node.set("output", JobJson.tree(step.output()));
            }
        }
        return JobJson.write(array);
    }

    static List<StepRecord> read(JSONB json) {
        List<StepRecord> steps = new ArrayList<>();
        for (JsonNode node : JobJson.read(json)) {
            List<String> warnings = new ArrayList<>();
            node.path("warnings").forEach(warning -> warnings.add(warning.asText()));
            JsonNode error = node.get("error");
            steps.add(new StepRecord(node.path("name").asText(),
                    StepStatus.valueOf(node.path("status").asText().toUpperCase(Locale.ROOT)),
                    instant(node, "started_at"), instant(node, "completed_at"),
                    node.hasNonNull("duration_ms") ? Optional.of(node.get("duration_ms").asLong()) : Optional.empty(),
                    node.path("attempts").asInt(), node.path("units_done").asLong(),
                    node.path("units_total").asLong(), node.path("cost_usd").asDouble(),
                    error == null ? Optional.empty()
                            : Optional.of(UserError.of(error.path("code").asText(), error.path("message").asText())),
                    warnings, JobJson.payload(node.get("output"))));
        }
        return steps;
    }

    private static Optional<Instant> instant(JsonNode node, String field) {
        return JobJson.text(node, field).map(Instant::parse);
    }
}
