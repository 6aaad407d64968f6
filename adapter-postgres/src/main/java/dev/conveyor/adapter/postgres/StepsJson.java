package dev.conveyor.adapter.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.conveyor.model.DurationSpread;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.StepTiming;
import dev.conveyor.model.UserError;
import org.jooq.JSONB;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code pipeline_steps} column: one JSON object per step record, in pipeline order (the shape the progress view shows), with
 * what the step cost on earlier runs and what had been learned of its durations ({@code learned}: seconds per
 * unit, samples, spread) when the run last moved on.
 */
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
            if (step.earlierCostUsd() > 0.0) {
                node.put("earlier_cost_usd", step.earlierCostUsd());
            }
            step.learned().ifPresent(timing -> {
                ObjectNode learned = node.putObject("learned");
                learned.put("seconds_per_unit", timing.secondsPerUnit());
                learned.put("samples", timing.samples());
                if (!timing.spread().isEmpty()) {
                    learned.set("spread", spreadArray(timing.spread()));
                }
            });
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
                    warnings, JobJson.payload(node.get("output")), node.path("earlier_cost_usd").asDouble(0.0),
                    learned(node.get("learned"))));
        }
        return steps;
    }

    /** A spread as the {@code step_timing.spread} column keeps it: its bucket weights as a JSON array. */
    static JSONB spread(DurationSpread spread) {
        return spread.isEmpty() ? null : JobJson.write(spreadArray(spread));
    }

    static DurationSpread spread(JSONB json) {
        return json == null ? DurationSpread.NONE : spread(JobJson.read(json));
    }

    private static ArrayNode spreadArray(DurationSpread spread) {
        ArrayNode array = JobJson.MAPPER.createArrayNode();
        for (double weight : spread.weights()) {
            array.add(weight);
        }
        return array;
    }

    private static DurationSpread spread(JsonNode array) {
        if (array == null || !array.isArray() || array.size() != DurationSpread.BUCKETS) {
            return DurationSpread.NONE;
        }
        double[] weights = new double[DurationSpread.BUCKETS];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = array.get(i).asDouble();
        }
        return new DurationSpread(weights);
    }

    private static Optional<StepTiming> learned(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new StepTiming(node.path("seconds_per_unit").asDouble(), node.path("samples").asLong(),
                spread(node.get("spread"))));
    }

    private static Optional<Instant> instant(JsonNode node, String field) {
        return JobJson.text(node, field).map(Instant::parse);
    }
}
