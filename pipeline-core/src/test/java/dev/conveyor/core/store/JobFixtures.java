package dev.conveyor.core.store;

import dev.conveyor.model.DurationSpread;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.Lease;
import dev.conveyor.model.Payload;
import dev.conveyor.model.PipelineOptions;
import dev.conveyor.model.ReviewDecision;
import dev.conveyor.model.ReviewItem;
import dev.conveyor.model.StepRecord;
import dev.conveyor.model.StepStatus;
import dev.conveyor.model.StepTiming;
import dev.conveyor.model.UserError;
import dev.conveyor.model.WorkerId;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.conveyor.core.store.JobBuilder.T0;

/**
 * Jobs with every field set to something other than its default, so a store that forgets or mangles a field
 * fails the round trip. Payload numbers are Integers and Doubles, the types a JSON reader gives back.
 */
public final class JobFixtures {

    private JobFixtures() {
    }

    /** A running job with every optional present, every list filled and every step status represented. */
    public static Job withEveryFieldSet(JobBuilder base) {
        return base.withSteps("extract", "classify", "review", "validate", "generate")
                .withInput(Payload.of("files", List.of("a.pdf", "b.pdf"), "options", Map.of("ocr", true)))
                .withOptions(new PipelineOptions(Optional.of("classify"), true, true, 0.85, false, Set.of("validate")))
                .with(job -> job.status(JobStatus.RUNNING)
                        .steps(List.of(completedStep(), failedStep(), runningStep(), pendingStep(), skippedStep()))
                        .currentStep(Optional.of("review"))
                        .progress(42)
                        .processing(true)
                        .error(Optional.of(UserError.of("ocr_unreadable", "Page 3 of a.pdf could not be read.")))
                        .costUsd(1.25)
                        .estimatedCompletionAt(Optional.of(T0.plusSeconds(300)))
                        .reviewItems(List.of(new ReviewItem("item-1", 0.5, "Invoice total", "classify"),
                                new ReviewItem("item-2", 0.25, "Vendor name", "classify")))
                        .reviewDecisions(List.of(ReviewDecision.approve("item-0"),
                                ReviewDecision.reject("item-3", "wrong vendor")))
                        .lease(Optional.of(new Lease(new WorkerId("worker-full"), T0.plusSeconds(30))))
                        .cancelRequested(true)
                        .updatedAt(T0.plusMillis(1_500))
                        .startedAt(Optional.of(T0.plusMillis(250)))
                        .finishedAt(Optional.of(T0.plusSeconds(400)))
                        .version(3))
                .build();
    }

    /** A JSON object with nested objects and lists, nulls, booleans, strings, integers and decimals. */
    public static Payload nestedOutput() {
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("net", 100.5);
        totals.put("currency", "EUR");
        totals.put("discount", null);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("documents", List.of(
                Map.of("name", "a.pdf", "pages", 3, "tags", List.of("invoice", "2024")),
                Map.of("name", "b.pdf", "pages", 1, "tags", List.of())));
        values.put("totals", totals);
        values.put("confident", true);
        values.put("matrix", List.of(List.of(1, 2), List.of(3.5, Arrays.asList("x", null))));
        return new Payload(values);
    }

    private static StepRecord completedStep() {
        return new StepRecord("extract", StepStatus.COMPLETED, Optional.of(T0.plusMillis(250)),
                Optional.of(T0.plusMillis(5_250)), Optional.of(5_000L), 2, 10, 10, 0.5, Optional.empty(),
                List.of("page 7 was blank", "page 9 was rotated"), nestedOutput());
    }

    private static StepRecord failedStep() {
        return new StepRecord("classify", StepStatus.FAILED, Optional.of(T0.plusSeconds(6)),
                Optional.of(T0.plusSeconds(9)), Optional.of(3_000L), 3, 4, 20, 0.75,
                Optional.of(UserError.of("rate_limited", "The classifier is busy; retry in a minute.")), List.of(),
                Payload.of("partial", 4), 0.125, Optional.of(new StepTiming(0.15, 40,
                        DurationSpread.logNormal(0.3, 5.0).decayedWith(3.5, 0.9))));
    }

    private static StepRecord runningStep() {
        return new StepRecord("review", StepStatus.RUNNING, Optional.of(T0.plusSeconds(10)), Optional.empty(),
                Optional.empty(), 1, 2, 8, 0.0, Optional.empty(), List.of(), Payload.empty(), 0.0,
                Optional.of(new StepTiming(2.0, 3)));
    }

    private static StepRecord pendingStep() {
        return StepRecord.pending("validate");
    }

    private static StepRecord skippedStep() {
        return StepRecord.pending("generate").skip();
    }
}
