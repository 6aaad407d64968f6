package dev.conveyor.demo;

import dev.conveyor.pipeline.Step;
import dev.conveyor.pipeline.StepContext;
import dev.conveyor.pipeline.StepException;

import java.time.Duration;
import java.util.Optional;

/**
 * The code of the demo's four working steps. Each reads the input, simulates its work unit by unit, and
 * fails as the input's {@code fail} plan says, half-way through its units so the failure shows after some
 * progress.
 */
final class DemoSteps {

    static final Duration EXTRACT_PER_FILE = Duration.ofSeconds(5);
    /** Classification takes 3 s per 20 items; every simulated file holds 20 items. */
    static final Duration CLASSIFY_PER_FILE = Duration.ofSeconds(3);
    static final int ITEMS_PER_FILE = 20;
    static final int PAGES_PER_FILE = 4;
    static final Duration VALIDATE = Duration.ofSeconds(1);
    static final Duration GENERATE = Duration.ofSeconds(2);
    /** The simulated price of classifying one file with a language model. */
    static final double CLASSIFY_COST_PER_FILE_USD = 0.0015;

    private final AttemptLedger ledger = new AttemptLedger();

    Step extract() {
        return context -> {
            DemoInput input = start(context);
            perFile(context, input, EXTRACT_PER_FILE, false);
            context.put("files", input.files());
            context.put("pages", input.files() * PAGES_PER_FILE);
        };
    }

    Step classify() {
        return context -> {
            DemoInput input = start(context);
            perFile(context, input, CLASSIFY_PER_FILE, true);
            for (DemoInput.ReviewRequest item : input.reviewItems()) {
                context.requestReview(item.id(), item.confidence(), item.label());
            }
            context.put("items_classified", input.files() * ITEMS_PER_FILE);
            context.put("review_requested", input.reviewItems().size());
        };
    }

    Step validate() {
        return context -> {
            DemoInput input = start(context);
            once(context, input, VALIDATE);
            context.put("checks_passed", 3);
        };
    }

    Step generate() {
        return context -> {
            DemoInput input = start(context);
            once(context, input, GENERATE);
            context.put("document", "demo-report-" + context.jobId() + ".pdf");
        };
    }

    private static DemoInput start(StepContext context) {
        return DemoInput.from(context.input());
    }

    /** Works through the files one by one, reporting each, failing half-way if this attempt is planned to. */
    private void perFile(StepContext context, DemoInput input, Duration perFile, boolean costs)
            throws InterruptedException {
        Optional<StepException> failure = plannedFailure(context, input);
        long total = input.files();
        context.progress(0, total);
        for (long done = 0; done < total; done++) {
            if (failure.isPresent() && done == total / 2) {
                throw failure.get();
            }
            SimulatedWork.take(context, perFile, input.scaleOf(context.stepName()));
            if (costs) {
                context.addCost(CLASSIFY_COST_PER_FILE_USD);
            }
            context.progress(done + 1, total);
        }
    }

    /** A step of fixed duration: one unit of work, so its progress shows when it completes. */
    private void once(StepContext context, DemoInput input, Duration duration) throws InterruptedException {
        Optional<StepException> failure = plannedFailure(context, input);
        SimulatedWork.take(context, duration.dividedBy(2), input.scaleOf(context.stepName()));
        if (failure.isPresent()) {
            throw failure.get();
        }
        SimulatedWork.take(context, duration.dividedBy(2), input.scaleOf(context.stepName()));
    }

    /** The failure this attempt ends with, when the input plans one for it: counting happens here. */
    private Optional<StepException> plannedFailure(StepContext context, DemoInput input) {
        return input.fail().filter(plan -> plan.targets(context.stepName())).flatMap(plan -> {
            int attempt = ledger.next(context.jobId(), context.stepName());
            return attempt <= plan.times() ? Optional.of(plan.failure(attempt)) : Optional.empty();
        });
    }
}
