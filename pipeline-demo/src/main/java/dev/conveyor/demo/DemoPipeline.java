package dev.conveyor.demo;

import dev.conveyor.pipeline.Estimate;
import dev.conveyor.pipeline.PipelineDefinition;
import dev.conveyor.pipeline.RetryPolicy;
import dev.conveyor.pipeline.Step;
import dev.conveyor.pipeline.StepDefinition;

import java.time.Duration;
import java.util.List;

/**
 * The built-in {@code demo} pipeline: the seeds' five steps, extract (25) → classify (25) → review (10) →
 * validate (20) → generate (20), with simulated work, so anyone can watch real progress at once. Its input
 * drives every path, e.g.
 * <pre>{@code
 * {"files": 3, "time_scale": 1.0,
 *  "fail": {"step": "classify", "kind": "transient", "times": 1},
 *  "review_items": [{"id": "a", "confidence": 0.5, "label": "Is this an invoice?"}],
 *  "slow": {"step": "generate", "factor": 5}}
 * }</pre>
 * <ul>
 *   <li>{@code files} (a number, or a list of names; default 1): extract takes about 5 s a file and classify
 *       about 3 s a file (20 items a file, 3 s per 20 items), both reporting files done; validate takes
 *       about 1 s and generate about 2 s whatever the files. Durations vary by ± 20 %.</li>
 *   <li>{@code time_scale} (0 to 100, default 1): multiplies every duration; 0.01 runs a hundred times
 *       faster, 0 at once.</li>
 *   <li>{@code fail}: the first {@code times} (default 1) attempts of {@code step} (extract, classify,
 *       validate or generate) on this job fail, half-way through the step's work, with {@code kind}
 *       {@code transient} (the engine retries: up to 3 tries a run) or {@code permanent} (the job fails; each
 *       retry of the job is one more attempt). So {@code kind: permanent, times: 1} fails the first run and
 *       lets a retry through; {@code kind: transient, times: 2} recovers within the first run. Attempts are
 *       counted in the memory of the process running the step.</li>
 *   <li>{@code review_items}: classify asks a human to check each; the review gate pauses the job for those
 *       below the job's {@code auto_approve_above} (0.70 by default) until it is resumed with decisions.</li>
 *   <li>{@code slow}: {@code step} takes {@code factor} (1 to 100, default 5) times its usual time, reporting
 *       nothing more than usual: an overrun, to watch the ETA and the "taking longer than usual" state.</li>
 * </ul>
 * Classify adds a simulated language-model cost of $0.0015 a file. Steps stop at a cancel within 100 ms. An
 * input that is not valid fails the first step with {@code invalid_input} and a message naming the field.
 */
public final class DemoPipeline {

    public static final String NAME = "demo";

    /** The steps that run code (the review gate runs none): the ones a {@code fail} plan may name. */
    static final List<String> CODED_STEPS = List.of("extract", "classify", "validate", "generate");

    /** Transient failures are retried quickly, so a demo does not keep anyone waiting. */
    static final RetryPolicy RETRY = RetryPolicy.defaults()
            .withBackoff(Duration.ofMillis(250), 2.0, Duration.ofSeconds(5));

    private DemoPipeline() {
    }

    /** A new definition of the demo pipeline, with its own count of planned failures. */
    public static PipelineDefinition definition() {
        DemoSteps steps = new DemoSteps();
        return PipelineDefinition.named(NAME)
                .step(coded("extract", 25, Estimate.perUnit(DemoSteps.EXTRACT_PER_FILE, 1, "files"),
                        steps.extract()))
                .step(coded("classify", 25, Estimate.perUnit(DemoSteps.CLASSIFY_PER_FILE, 1, "files"),
                        steps.classify()))
                .reviewGate("review", 10)
                .step(coded("validate", 20, Estimate.fixed(DemoSteps.VALIDATE), steps.validate()))
                .step(coded("generate", 20, Estimate.fixed(DemoSteps.GENERATE), steps.generate()))
                .build();
    }

    private static StepDefinition coded(String name, int weight, Estimate estimate, Step action) {
        return StepDefinition.of(name, action).weight(weight).estimate(estimate).retry(RETRY);
    }
}
