package dev.conveyor.demo;

import dev.conveyor.model.Payload;
import dev.conveyor.pipeline.StepException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's input: defaults, and a permanent, field-naming error for anything it cannot use. */
class DemoInputTest {

    @Test
    void anEmptyInputMeansOneFileInRealTimeWithNoFailureAndNoReview() {
        DemoInput input = DemoInput.from(Payload.empty());

        assertEquals(1, input.files());
        assertEquals(1.0, input.timeScale());
        assertTrue(input.fail().isEmpty());
        assertTrue(input.reviewItems().isEmpty());
    }

    @Test
    void aFailurePlanDefaultsToOnePermanentFailure() {
        DemoInput input = DemoInput.from(Payload.of("fail", Map.of("step", "extract")));

        assertEquals(new FailurePlan("extract", StepException.Category.PERMANENT, 1), input.fail().orElseThrow());
    }

    @Test
    void aSlowStepTakesItsFactorTimesTheTimeScaleAndNoOtherStepDoes() {
        DemoInput input = DemoInput.from(Payload.of("time_scale", 0.5, "slow", Map.of("step", "generate")));

        assertEquals(2.5, input.scaleOf("generate"), 1e-12);
        assertEquals(0.5, input.scaleOf("validate"), 1e-12);
    }

    @Test
    void everyBadFieldFailsPermanentlyWithAMessageNamingIt() {
        Map<String, Payload> bad = Map.ofEntries(
                Map.entry("'files'", Payload.of("files", "many")),
                Map.entry("'files' ", Payload.of("files", 0)),
                Map.entry("'files'  ", Payload.of("files", 2.5)),
                Map.entry("'time_scale'", Payload.of("time_scale", -1)),
                Map.entry("'fail'", Payload.of("fail", "classify")),
                Map.entry("'fail.step'", Payload.of("fail", Map.of("step", "review"))),
                Map.entry("'fail.kind'", Payload.of("fail", Map.of("step", "extract", "kind", "sometimes"))),
                Map.entry("'fail.times'", Payload.of("fail", Map.of("step", "extract", "times", -1))),
                Map.entry("'slow'", Payload.of("slow", 5)),
                Map.entry("'slow.step'", Payload.of("slow", Map.of("step", "review"))),
                Map.entry("'slow.factor'", Payload.of("slow", Map.of("step", "generate", "factor", 0.5))),
                Map.entry("'review_items[0].confidence'",
                        Payload.of("review_items", List.of(Map.of("id", "a", "confidence", 2)))),
                Map.entry("'review_items[1].id'", Payload.of("review_items", List.of(Map.of("id", "a", "confidence", 0.1),
                        Map.of("confidence", 0.1)))));
        bad.forEach((field, input) -> {
            StepException e = assertThrows(StepException.class, () -> DemoInput.from(input), field);
            assertEquals(StepException.Category.PERMANENT, e.category());
            assertEquals("invalid_input", e.userError().code());
            assertTrue(e.userError().message().contains(field.strip()), e.userError().message());
        });
    }

    @Test
    void anOffendingValueIsEchoedOnlyInShort() {
        String huge = "x".repeat(10_000);

        StepException e = assertThrows(StepException.class, () -> DemoInput.from(Payload.of("files", huge)));

        assertTrue(e.userError().message().length() < 300, e.userError().message());
    }
}
