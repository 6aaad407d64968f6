package dev.conveyor.demo;

import dev.conveyor.model.Payload;
import dev.conveyor.pipeline.StepException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo pipeline's input, read from a job's JSON input: how many files, how fast, which failure to
 * simulate and which items to send to review. Anything else in the input is ignored.
 *
 * @param files       units of work of the extract and classify steps
 * @param timeScale   multiplies every simulated duration (0 runs instantly, 0.01 makes tests fast)
 * @param fail        the failure to simulate, if any
 * @param reviewItems the items classify asks a human to check
 * @param slowStep    the step that runs {@code slowFactor} times its usual time, if any (an overrun to watch)
 */
record DemoInput(long files, double timeScale, Optional<FailurePlan> fail, List<ReviewRequest> reviewItems,
                 Optional<String> slowStep, double slowFactor) {

    static final long MAX_FILES = 10_000;
    static final double MAX_TIME_SCALE = 100.0;
    static final int MAX_REVIEW_ITEMS = 1_000;
    static final double MAX_SLOW_FACTOR = 100.0;

    DemoInput {
        if (files < 1 || files > MAX_FILES) {
            throw new IllegalArgumentException("files must be in [1, " + MAX_FILES + "], got " + files);
        }
        if (!(timeScale >= 0.0 && timeScale <= MAX_TIME_SCALE)) {
            throw new IllegalArgumentException("timeScale must be in [0, " + MAX_TIME_SCALE + "], got " + timeScale);
        }
        reviewItems = List.copyOf(reviewItems);
        if (!(slowFactor >= 1.0 && slowFactor <= MAX_SLOW_FACTOR)) {
            throw new IllegalArgumentException("slowFactor must be in [1, " + MAX_SLOW_FACTOR + "], got " + slowFactor);
        }
    }

    /** What a step's simulated durations are multiplied by: the time scale, and the slow factor if it is slowed. */
    double scaleOf(String step) {
        return slowStep.filter(step::equals).isPresent() ? timeScale * slowFactor : timeScale;
    }

    /**
     * Reads the input, or fails the step permanently with a message naming the field that is wrong: a bad
     * input is the user's to fix, no retry will help.
     */
    static DemoInput from(Payload input) {
        Optional<Payload> slow = slowPlan(input);
        return new DemoInput(files(input), timeScale(input), failurePlan(input), reviewItems(input),
                slow.map(plan -> (String) plan.get("step").orElseThrow()),
                slow.map(plan -> ((Number) plan.get("factor").orElse(5)).doubleValue()).orElse(1.0));
    }

    /** {@code "slow": {"step": "generate", "factor": 5}}, checked; empty without one. */
    private static Optional<Payload> slowPlan(Payload input) {
        Object value = input.get("slow").orElse(null);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw invalid("'slow' must be an object such as {\"step\": \"generate\", \"factor\": 5}; got "
                    + shown(value) + ".");
        }
        Payload slow = input.getObject("slow");
        Object step = slow.get("step").orElse(null);
        if (!(step instanceof String name) || !DemoPipeline.CODED_STEPS.contains(name)) {
            throw invalid("'slow.step' must be one of " + String.join(", ", DemoPipeline.CODED_STEPS)
                    + " (the review gate runs no code); got " + shown(step) + ".");
        }
        Object factor = slow.get("factor").orElse(5);
        if (!(factor instanceof Number n) || !(n.doubleValue() >= 1.0 && n.doubleValue() <= MAX_SLOW_FACTOR)) {
            throw invalid("'slow.factor' must be a number from 1 to " + (int) MAX_SLOW_FACTOR + "; got "
                    + shown(factor) + ".");
        }
        return Optional.of(slow);
    }

    private static long files(Payload input) {
        Object value = input.get("files").orElse(null);
        long count = switch (value) {
            case null -> 1;
            case List<?> list -> list.size();
            case Number n when isWhole(n) -> n.longValue();
            default -> -1;
        };
        if (count < 1 || count > MAX_FILES) {
            throw invalid("'files' must be a whole number of files from 1 to " + MAX_FILES
                    + ", or a list of 1 to " + MAX_FILES + " file names; got " + shown(value) + ".");
        }
        return count;
    }

    private static double timeScale(Payload input) {
        Object value = input.get("time_scale").orElse(null);
        if (value == null) {
            return 1.0;
        }
        if (value instanceof Number n && n.doubleValue() >= 0.0 && n.doubleValue() <= MAX_TIME_SCALE) {
            return n.doubleValue();
        }
        throw invalid("'time_scale' must be a number from 0 to " + (int) MAX_TIME_SCALE
                + " (1 is real time, 0.01 is a hundred times faster); got " + shown(value) + ".");
    }

    private static Optional<FailurePlan> failurePlan(Payload input) {
        Object value = input.get("fail").orElse(null);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw invalid("'fail' must be an object such as {\"step\": \"classify\", \"kind\": \"transient\", "
                    + "\"times\": 1}; got " + shown(value) + ".");
        }
        Payload fail = input.getObject("fail");
        Object step = fail.get("step").orElse(null);
        if (!(step instanceof String name) || !DemoPipeline.CODED_STEPS.contains(name)) {
            throw invalid("'fail.step' must be one of " + String.join(", ", DemoPipeline.CODED_STEPS)
                    + " (the review gate runs no code); got " + shown(step) + ".");
        }
        Object kind = fail.get("kind").orElse("permanent");
        Optional<StepException.Category> category = kind instanceof String k ? FailurePlan.category(k) : Optional.empty();
        if (category.isEmpty()) {
            throw invalid("'fail.kind' must be \"transient\" or \"permanent\"; got " + shown(kind) + ".");
        }
        Object times = fail.get("times").orElse(1);
        if (!(times instanceof Number n) || !isWhole(n) || n.longValue() < 0 || n.longValue() > FailurePlan.MAX_TIMES) {
            throw invalid("'fail.times' must be a whole number from 0 to " + FailurePlan.MAX_TIMES + "; got "
                    + shown(times) + ".");
        }
        return Optional.of(new FailurePlan(name, category.get(), n.intValue()));
    }

    private static List<ReviewRequest> reviewItems(Payload input) {
        Object value = input.get("review_items").orElse(null);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.size() > MAX_REVIEW_ITEMS) {
            throw invalid("'review_items' must be a list of at most " + MAX_REVIEW_ITEMS
                    + " objects such as {\"id\": \"a\", \"confidence\": 0.5}; got " + shown(value) + ".");
        }
        List<ReviewRequest> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            items.add(reviewItem(list.get(i), "review_items[" + i + "]"));
        }
        return items;
    }

    private static ReviewRequest reviewItem(Object value, String field) {
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid("'" + field + "' must be an object such as {\"id\": \"a\", \"confidence\": 0.5}; got "
                    + shown(value) + ".");
        }
        Object id = map.get("id");
        if (!(id instanceof String text) || text.isBlank() || text.length() > 64) {
            throw invalid("'" + field + ".id' must be a text of 1 to 64 characters; got " + shown(id) + ".");
        }
        Object confidence = map.get("confidence");
        if (!(confidence instanceof Number c) || !(c.doubleValue() >= 0.0 && c.doubleValue() <= 1.0)) {
            throw invalid("'" + field + ".confidence' must be a number from 0 to 1; got " + shown(confidence) + ".");
        }
        Object label = map.get("label");
        if (label != null && !(label instanceof String)) {
            throw invalid("'" + field + ".label' must be a text; got " + shown(label) + ".");
        }
        String shownLabel = label == null ? "Check item " + text : (String) label;
        return new ReviewRequest(text, c.doubleValue(), shownLabel);
    }

    private static boolean isWhole(Number n) {
        double d = n.doubleValue();
        return Double.isFinite(d) && d == Math.rint(d);
    }

    private static StepException invalid(String message) {
        return StepException.permanent("invalid_input", "The job's input is not valid for the demo pipeline: "
                + message);
    }

    /** The offending value as the user wrote it, cut short so an error never echoes a whole document. */
    private static String shown(Object value) {
        String text = switch (value) {
            case null -> "nothing";
            case String s -> "\"" + s + "\"";
            case List<?> list -> "a list of " + list.size();
            case Map<?, ?> map -> "an object";
            default -> String.valueOf(value);
        };
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }

    /** One item classify sends to review. */
    record ReviewRequest(String id, double confidence, String label) {
    }
}
