package dev.conveyor.adapter.notify;

import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.StepException;

import java.util.List;

/** Small pipelines that complete, fail, or pause for a review, for the engine the tests run. */
final class TestPipelines {

    static final String WORK = "work";
    static final String BROKEN = "broken";
    static final String REVIEWED = "reviewed";

    private TestPipelines() {
    }

    static List<PipelineDefinition> all() {
        return List.of(
                PipelineDefinition.named(WORK).step("extract", context -> context.put("pages", 3)).build(),
                PipelineDefinition.named(BROKEN).step("extract", context -> {
                    throw StepException.permanent("bad_input", "The uploaded file is not a PDF.");
                }).build(),
                PipelineDefinition.named(REVIEWED)
                        .step("classify", context -> context.requestReview("invoice-7", 0.4, "Invoice or receipt?"))
                        .reviewGate("review", 1)
                        .step("generate", context -> context.put("done", true)).build());
    }
}
