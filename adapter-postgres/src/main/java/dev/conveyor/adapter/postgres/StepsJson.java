package dev.conveyor.adapter.postgres;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.conveyor.model.DurationSpread;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.StepTiming;
import dev.conveyor.model.UserError;
import org.jooq.JSONB;

import java.io.IOException;
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
        return JSONB.valueOf(JobJson.text(json -> {
            json.writeStartArray();
            for (StepRecord step : steps) {
                write(json, step);
            }
            json.writeEndArray();
        }));
    }

    private static void write(JsonGenerator json, StepRecord step) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", step.name());
        json.writeStringField("status", step.status().wireName());
        if (step.startedAt().isPresent()) {
            json.writeStringField("started_at", step.startedAt().get().toString());
        }
        if (step.completedAt().isPresent()) {
            json.writeStringField("completed_at", step.completedAt().get().toString());
        }
        if (step.durationMs().isPresent()) {
            json.writeNumberField("duration_ms", step.durationMs().get().longValue());
        }
        json.writeNumberField("attempts", step.attempts());
        json.writeNumberField("units_done", step.unitsDone());
        json.writeNumberField("units_total", step.unitsTotal());
        json.writeNumberField("cost_usd", step.costUsd());
        if (step.error().isPresent()) {
            UserError error = step.error().get();
            json.writeObjectFieldStart("error");
            json.writeStringField("code", error.code());
            json.writeStringField("message", error.message());
            json.writeEndObject();
        }
        if (!step.warnings().isEmpty()) {
            json.writeArrayFieldStart("warnings");
            for (String warning : step.warnings()) {
                json.writeString(warning);
            }
            json.writeEndArray();
        }
        if (!step.output().isEmpty()) {
            json.writeFieldName("output");
            JobJson.writeObject(json, step.output().values());
        }
        if (step.earlierCostUsd() > 0.0) {
            json.writeNumberField("earlier_cost_usd", step.earlierCostUsd());
        }
        if (step.learned().isPresent()) {
            StepTiming timing = step.learned().get();
            json.writeObjectFieldStart("learned");
            json.writeNumberField("seconds_per_unit", timing.secondsPerUnit());
            json.writeNumberField("samples", timing.samples());
            if (!timing.spread().isEmpty()) {
                json.writeFieldName("spread");
                writeSpread(json, timing.spread());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
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
        return spread.isEmpty() ? null : JSONB.valueOf(JobJson.text(json -> writeSpread(json, spread)));
    }

    static DurationSpread spread(JSONB json) {
        return json == null ? DurationSpread.NONE : spread(JobJson.read(json));
    }

    private static void writeSpread(JsonGenerator json, DurationSpread spread) throws IOException {
        json.writeStartArray();
        for (double weight : spread.weights()) {
            json.writeNumber(weight);
        }
        json.writeEndArray();
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
