package dev.conveyor.core.run;

import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.StepRecord;
import dev.conveyor.pipeline.PipelineDefinition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Whether a step runs, as a table: step, its state, the options → run or skip. */
class ShouldRunTest {

    private static final PipelineDefinition SEED = PipelineDefinition.named("documents")
            .step("extract", ctx -> { })
            .step("classify", ctx -> { })
            .reviewGate("review", 10)
            .step("validate", ctx -> { })
            .step("generate", ctx -> { })
            .build();

    @ParameterizedTest(name = "{0} {1} with {2} → {3}")
    @CsvSource({
            "extract,  pending,   default,          run",
            "extract,  completed, default,          skip-kept",
            "extract,  failed,    default,          run",
            "extract,  completed, force_reprocess,  run",
            "classify, pending,   start_from=validate, skip",
            "validate, pending,   start_from=validate, run",
            "generate, completed, start_from=validate, skip-kept",
            "generate, pending,   start_from=validate, run",
            "review,   pending,   default,          run",
            "review,   pending,   skip_review,      skip",
            "validate, pending,   skip_review,      run",
            "review,   completed, skip_review,      skip-kept",
            "extract,  completed, force_reprocess+start_from=validate, skip",
    })
    void decides(String step, String state, String options, String expected) {
        StepRecord record = record(step, state);

        Decision decision = ShouldRun.decide(SEED, SEED.indexOf(step), record, options(options));

        String actual = switch (decision) {
            case Decision.Run run -> "run";
            case Decision.Skip skip -> skip.keepsStatus() ? "skip-kept" : "skip";
        };
        assertEquals(expected, actual);
    }

    private static StepRecord record(String step, String state) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return switch (state) {
            case "pending" -> StepRecord.pending(step);
            case "completed" -> StepRecord.pending(step).start(t).complete(t, Payload.empty(), List.of(), 0, 0, 0);
            case "failed" -> StepRecord.pending(step).start(t).fail(t,
                    dev.conveyor.model.UserError.of("x", "x"), 0, 0, 0);
            default -> throw new IllegalArgumentException(state);
        };
    }

    private static PipelineOptions options(String spec) {
        PipelineOptions options = PipelineOptions.defaults();
        for (String part : spec.split("\\+")) {
            if (part.equals("force_reprocess")) {
                options = options.withForceReprocess(true);
            } else if (part.equals("skip_review")) {
                options = options.withSkipReview(true);
            } else if (part.startsWith("start_from=")) {
                options = options.withStartFrom(part.substring("start_from=".length()));
            }
        }
        return options;
    }
}
