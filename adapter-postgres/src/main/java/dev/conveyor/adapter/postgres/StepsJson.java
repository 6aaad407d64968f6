package dev.conveyor.adapter.postgres;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.conveyor.model.DurationSpread;
import dev.conveyor.model.Payload;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.StepTiming;
import dev.conveyor.model.UnitPace;
import dev.conveyor.model.UnitReference;
import dev.conveyor.model.UserError;
import org.jooq.JSON;
import org.jooq.JSONB;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code pipeline_steps} column: one JSON object per step record, in pipeline order (the shape the progress view shows), with
 * what the step cost on earlier runs, how fast its run got through its units ({@code unit_pace}), and what had
 * been learned of its durations ({@code learned}: seconds per unit, samples, spread, units' speed) when the run
 * last moved on.
 *
 * <p>Every transition of a job sends all its step records again, and PostgreSQL checks, compresses and logs that
 * text each time: it is kept short without losing a bit. Units and cost that are zero are left out (they read as
 * zero), and a learned spread is written as its weights' IEEE 754 bytes in Base64 (one string of 140 characters
 * rather than a dozen decimals of up to 24, which LZ4 can hardly shorten). The older forms still read.
 */
final class StepsJson {

    private static final int MEMO_MAX_CHARS = 2_048;

    /** The text of the learned timings written lately, by the timing object. */
    private static final IdentityMemo<StepTiming, String> LEARNED = new IdentityMemo<>(1_024, StepsJson::learnedText,
            text -> true);
    /**
     * The text of the finished step records written lately, by the record: a finished step's stays as it was, the
     * same object, from write to write. Only small ones are kept (a step's output may be large), so the slots hold
     * a few megabytes at most.
     */
    private static final IdentityMemo<StepRecord, String> STEPS = new IdentityMemo<>(1_024, StepsJson::stepText,
            text -> text.length() <= MEMO_MAX_CHARS);

    private StepsJson() {
    }

    static JSON write(List<StepRecord> steps) {
        return JSON.valueOf(JobJson.text(json -> {
            json.writeStartArray();
            for (StepRecord step : steps) {
                if (step.status() == StepStatus.PENDING || step.status() == StepStatus.RUNNING) {
                    write(json, step);
                } else {
                    json.writeRawValue(STEPS.get(step));
                }
            }
            json.writeEndArray();
        }));
    }

    /**
     * A finished step record's JSON object. A job's writes carry all its steps each time, and a finished step is
     * the same record object from write to write: its text is kept. A step still to run is written in place: each
     * start of a step gives those after it what has been learned by then, so their records are new objects at
     * every write, and a text kept for them would never be read again.
     */
    private static String stepText(StepRecord step) {
        return JobJson.text(json -> write(json, step));
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
        if (step.unitsDone() != 0) {
            json.writeNumberField("units_done", step.unitsDone());
        }
        if (step.unitsTotal() != 0) {
            json.writeNumberField("units_total", step.unitsTotal());
        }
        if (Double.doubleToRawLongBits(step.costUsd()) != 0L) {
            json.writeNumberField("cost_usd", step.costUsd());
        }
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
        if (step.unitPace().isPresent()) {
            UnitPace pace = step.unitPace().get();
            json.writeObjectFieldStart("unit_pace");
            json.writeNumberField("units", pace.units());
            json.writeNumberField("log_sum", pace.logSum());
            json.writeNumberField("log_squares", pace.logSquares());
            json.writeStringField("at", pace.at().toString());
            json.writeEndObject();
        }
        if (step.learned().isPresent()) {
            json.writeFieldName("learned");
            json.writeRawValue(LEARNED.get(step.learned().get()));
        }
        json.writeEndObject();
    }

    /**
     * A learned timing's JSON object. Its spread is a dozen decimals, and every write of a job carries one per
     * step; the timing object is the same from write to write until a step completes somewhere and the learning
     * moves on, so its text is kept by that object.
     */
    private static String learnedText(StepTiming timing) {
        return JobJson.text(json -> {
            json.writeStartObject();
            json.writeNumberField("seconds_per_unit", timing.secondsPerUnit());
            json.writeNumberField("samples", timing.samples());
            if (!timing.spread().isEmpty()) {
                json.writeStringField("spread", spreadBytes(timing.spread()));
            }
            if (!timing.units().isEmpty()) {
                json.writeObjectFieldStart("units");
                json.writeNumberField("log_mean", timing.units().logMean());
                json.writeNumberField("within_variance", timing.units().withinVariance());
                json.writeNumberField("runs", timing.units().runs());
                json.writeEndObject();
            }
            json.writeEndObject();
        });
    }

    /**
     * The step records a column holds, read with Jackson's streaming parser: a claim reads every job it takes.
     * Fields come in any order (a column stored as JSONB before kept its objects' keys in an order of its own);
     * unknown ones are passed over; a missing one reads as its zero, as ever.
     */
    static List<StepRecord> read(JSON json) {
        try (JsonParser parser = JobJson.MAPPER.createParser(json.data())) {
            List<StepRecord> steps = new ArrayList<>();
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return steps;
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                steps.add(step(parser));
            }
            return steps;
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON is not readable: " + e.getMessage(), e);
        }
    }

    /** One step record, the parser on its opening brace; leaves the parser on its closing one. */
    private static StepRecord step(JsonParser parser) throws IOException {
        String name = "";
        String status = "";
        Optional<Instant> startedAt = Optional.empty();
        Optional<Instant> completedAt = Optional.empty();
        Optional<Long> durationMs = Optional.empty();
        int attempts = 0;
        long unitsDone = 0;
        long unitsTotal = 0;
        double costUsd = 0.0;
        Optional<UserError> error = Optional.empty();
        List<String> warnings = List.of();
        Payload output = Payload.empty();
        double earlierCostUsd = 0.0;
        Optional<StepTiming> learned = Optional.empty();
        Optional<UnitPace> unitPace = Optional.empty();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "name" -> name = text(parser, "");
                case "status" -> status = text(parser, "");
                case "started_at" -> startedAt = instant(parser);
                case "completed_at" -> completedAt = instant(parser);
                case "duration_ms" -> durationMs = value == JsonToken.VALUE_NULL ? Optional.empty()
                        : Optional.of(parser.getValueAsLong());
                case "attempts" -> attempts = parser.getValueAsInt();
                case "units_done" -> unitsDone = parser.getValueAsLong();
                case "units_total" -> unitsTotal = parser.getValueAsLong();
                case "cost_usd" -> costUsd = parser.getValueAsDouble();
                case "earlier_cost_usd" -> earlierCostUsd = parser.getValueAsDouble(0.0);
                case "error" -> error = value == JsonToken.START_OBJECT ? Optional.of(error(parser)) : skip(parser);
                case "warnings" -> warnings = warnings(parser);
                case "output" -> output = value == JsonToken.START_OBJECT
                        ? new Payload(JobJson.MAPPER.readValue(parser, JobJson.OBJECT)) : skipped(parser);
                case "learned" -> learned = value == JsonToken.START_OBJECT ? Optional.of(learned(parser))
                        : skip(parser);
                case "unit_pace" -> unitPace = value == JsonToken.START_OBJECT ? unitPace(parser) : skip(parser);
                default -> parser.skipChildren();
            }
        }
        return new StepRecord(name, StepStatus.valueOf(status.toUpperCase(Locale.ROOT)), startedAt, completedAt,
                durationMs, attempts, unitsDone, unitsTotal, costUsd, error, warnings, output, earlierCostUsd, learned,
                unitPace);
    }

    /** A unit pace, the parser on its opening brace; empty unless it is whole. */
    private static Optional<UnitPace> unitPace(JsonParser parser) throws IOException {
        long units = -1;
        double logSum = Double.NaN;
        double logSquares = Double.NaN;
        Optional<Instant> at = Optional.empty();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "units" -> units = parser.getValueAsLong(-1);
                case "log_sum" -> logSum = parser.getValueAsDouble(Double.NaN);
                case "log_squares" -> logSquares = parser.getValueAsDouble(Double.NaN);
                case "at" -> at = instant(parser);
                default -> parser.skipChildren();
            }
        }
        return units < 0 || !Double.isFinite(logSum) || !(logSquares >= 0.0) || at.isEmpty() ? Optional.empty()
                : Optional.of(new UnitPace(units, logSum, logSquares, at.get()));
    }

    private static String text(JsonParser parser, String fallback) throws IOException {
        return parser.currentToken() == JsonToken.VALUE_NULL ? fallback : parser.getValueAsString(fallback);
    }

    private static Optional<Instant> instant(JsonParser parser) throws IOException {
        return parser.currentToken() == JsonToken.VALUE_NULL ? Optional.empty()
                : Optional.of(Instant.parse(parser.getValueAsString()));
    }

    private static <T> Optional<T> skip(JsonParser parser) throws IOException {
        parser.skipChildren();
        return Optional.empty();
    }

    private static Payload skipped(JsonParser parser) throws IOException {
        parser.skipChildren();
        return Payload.empty();
    }

    private static UserError error(JsonParser parser) throws IOException {
        String code = "";
        String message = "";
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "code" -> code = text(parser, "");
                case "message" -> message = text(parser, "");
                default -> parser.skipChildren();
            }
        }
        return UserError.of(code, message);
    }

    private static List<String> warnings(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return List.of();
        }
        List<String> warnings = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            warnings.add(parser.currentToken() == JsonToken.VALUE_NULL ? "null" : parser.getValueAsString(""));
            parser.skipChildren();
        }
        return warnings;
    }

    private static StepTiming learned(JsonParser parser) throws IOException {
        double secondsPerUnit = 0.0;
        long samples = 0;
        DurationSpread spread = DurationSpread.NONE;
        UnitReference units = UnitReference.NONE;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "seconds_per_unit" -> secondsPerUnit = parser.getValueAsDouble();
                case "samples" -> samples = parser.getValueAsLong();
                case "spread" -> spread = value == JsonToken.START_ARRAY ? spread(parser)
                        : value == JsonToken.VALUE_STRING ? spread(parser.getText()) : skipSpread(parser);
                case "units" -> units = value == JsonToken.START_OBJECT ? unitReference(parser)
                        : skipped(parser, UnitReference.NONE);
                default -> parser.skipChildren();
            }
        }
        return new StepTiming(secondsPerUnit, samples, spread, units);
    }

    /** A learned unit reference, the parser on its opening brace; {@link UnitReference#NONE} unless it is whole. */
    private static UnitReference unitReference(JsonParser parser) throws IOException {
        double logMean = Double.NaN;
        double withinVariance = Double.NaN;
        double runs = Double.NaN;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "log_mean" -> logMean = parser.getValueAsDouble(Double.NaN);
                case "within_variance" -> withinVariance = parser.getValueAsDouble(Double.NaN);
                case "runs" -> runs = parser.getValueAsDouble(Double.NaN);
                default -> parser.skipChildren();
            }
        }
        return unitReference(logMean, withinVariance, runs);
    }

    /** A unit reference as stored; {@link UnitReference#NONE} when any part is missing or out of range. */
    static UnitReference unitReference(Double logMean, Double withinVariance, Double runs) {
        if (logMean == null || withinVariance == null || runs == null || !Double.isFinite(logMean)
                || !(withinVariance >= 0.0) || Double.isInfinite(withinVariance) || !(runs >= 0.0)
                || Double.isInfinite(runs)) {
            return UnitReference.NONE;
        }
        return new UnitReference(logMean, withinVariance, runs);
    }

    private static <T> T skipped(JsonParser parser, T value) throws IOException {
        parser.skipChildren();
        return value;
    }

    /** A spread's weights, the parser on the array's start; {@link DurationSpread#NONE} unless there are all. */
    private static DurationSpread spread(JsonParser parser) throws IOException {
        double[] weights = new double[DurationSpread.BUCKETS];
        int count = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (count < weights.length) {
                weights[count] = parser.getValueAsDouble();
            }
            count++;
            parser.skipChildren();
        }
        return count == weights.length ? new DurationSpread(weights) : DurationSpread.NONE;
    }

    /** A spread's weights as the Base64 of their IEEE 754 bytes, big-endian: exact, and short. */
    static String spreadBytes(DurationSpread spread) {
        ByteBuffer bytes = ByteBuffer.allocate(DurationSpread.BUCKETS * Double.BYTES);
        for (double weight : spread.weights()) {
            bytes.putDouble(weight);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    /** The spread {@link #spreadBytes} wrote; {@link DurationSpread#NONE} for anything else. */
    static DurationSpread spread(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return DurationSpread.NONE;
        }
        if (bytes.length != DurationSpread.BUCKETS * Double.BYTES) {
            return DurationSpread.NONE;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        double[] weights = new double[DurationSpread.BUCKETS];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = buffer.getDouble();
        }
        try {
            return new DurationSpread(weights);
        } catch (IllegalArgumentException e) {
            return DurationSpread.NONE;
        }
    }

    private static DurationSpread skipSpread(JsonParser parser) throws IOException {
        parser.skipChildren();
        return DurationSpread.NONE;
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

}
